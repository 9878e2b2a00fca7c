import type { Metadata } from "next";
import { Table } from "@/components/ui/table";
import { YearLinks, monthName, yearFrom } from "@/components/usage/year-links";
import { requireServiceAccess } from "@/lib/http/session";
import { financialYearOf, serviceUsage } from "@/lib/usage/usage";

export const metadata: Metadata = { title: "Usage" };

const count = (value: number) => value.toLocaleString("en-GB");
const pounds = (value: number) =>
  `£${value.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export default async function UsagePage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ year?: string }>;
}) {
  const { serviceId } = await params;
  await requireServiceAccess(serviceId, "view_activity");
  const current = financialYearOf(new Date());
  const year = yearFrom((await searchParams).year, current);
  const { months, totals } = await serviceUsage(serviceId, year);
  const base = `/services/${serviceId}/usage`;
  return (
    <>
      <div className="mb-6 flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-3xl font-bold">Usage</h1>
        <a href={`${base}/export?year=${year}`} className="text-lg">
          Download this year (CSV)
        </a>
      </div>
      <YearLinks base={base} year={year} current={current} />
      <div className="mb-8 grid gap-4 sm:grid-cols-3">
        <section aria-label="Emails" className="border-t-4 border-brand bg-gray-50 p-4">
          <h2 className="text-xl font-bold">Emails</h2>
          <p className="text-3xl font-bold">{count(totals.emails)}</p>
          <p className="text-muted">{totals.emailRate > 0 ? `${pounds(totals.emailRate)} each` : "Free"}</p>
        </section>
        <section aria-label="Text messages" className="border-t-4 border-brand bg-gray-50 p-4">
          <h2 className="text-xl font-bold">Text messages</h2>
          <p className="text-3xl font-bold">{count(totals.texts)}</p>
          <p className="text-muted">
            {count(totals.fragments)} parts; {count(totals.freeUsed)} of {count(totals.freeAllowance)} free parts used
          </p>
        </section>
        <section aria-label="Cost" className="border-t-4 border-brand bg-gray-50 p-4">
          <h2 className="text-xl font-bold">Cost</h2>
          <p className="text-3xl font-bold">{pounds(totals.costInPounds)}</p>
          <p className="text-muted">
            {count(totals.chargeableFragments)} parts at {(totals.smsRate * 100).toFixed(2)}p
          </p>
        </section>
      </div>
      <Table
        caption={`By month, April ${year} to March ${year + 1}`}
        rows={months}
        rowKey={(month) => month.month}
        empty={null}
        columns={[
          { header: "Month", cell: (month) => monthName(month.month) },
          { header: "Emails", cell: (month) => count(month.emails), numeric: true },
          { header: "Text messages", cell: (month) => count(month.texts), numeric: true },
          { header: "Text message parts", cell: (month) => count(month.fragments), numeric: true },
        ]}
      />
      <p className="mt-4 text-muted">
        Messages sent with test keys, cancelled ones and those Tidings could not hand over are not counted. A text
        message longer than 160 plain characters (70 with other characters) is sent, and charged, in parts.
      </p>
    </>
  );
}
