import type { Metadata } from "next";
import Link from "next/link";
import { Table } from "@/components/ui/table";
import { YearLinks, monthName, yearFrom } from "@/components/usage/year-links";
import { requirePlatformAdmin } from "@/lib/http/session";
import { financialYearOf, platformMonthlyUsage } from "@/lib/usage/usage";
import { AdminTabs } from "../../admin-tabs";

export const metadata: Metadata = { title: "Messages by service and month" };

const count = (value: number) => value.toLocaleString("en-GB");

export default async function PlatformMonthlyUsagePage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  await requirePlatformAdmin();
  const current = financialYearOf(new Date());
  const year = yearFrom((await searchParams).year, current);
  const rows = await platformMonthlyUsage(year);
  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">Platform admin</h1>
      <AdminTabs current="/admin/usage" />
      <p className="mb-4 text-lg">
        <Link href={`/admin/usage?year=${year}`}>Back to usage by service</Link>
      </p>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-4">
        <h2 className="text-2xl font-bold">Messages by service and month</h2>
        {rows.length > 0 && (
          <a href={`/admin/usage/by-month/export?year=${year}`} className="text-lg">
            Download this year (CSV)
          </a>
        )}
      </div>
      <YearLinks base="/admin/usage/by-month" year={year} current={current} />
      <Table
        caption={`Messages by service and month, April ${year} to March ${year + 1}`}
        hideCaption
        rows={rows}
        rowKey={(row) => `${row.month}:${row.serviceId}`}
        empty="No service sent anything in this financial year."
        columns={[
          { header: "Month", cell: (row) => monthName(row.month), className: "whitespace-nowrap" },
          {
            header: "Service",
            cell: (row) => <Link href={`/services/${row.serviceId}/usage?year=${year}`}>{row.name}</Link>,
          },
          { header: "Emails", cell: (row) => count(row.emails), numeric: true },
          { header: "Text messages", cell: (row) => count(row.texts), numeric: true },
          { header: "Parts", cell: (row) => count(row.fragments), numeric: true },
        ]}
      />
      <p className="mt-4 text-muted">
        Months in which a service sent nothing are left out. Messages sent with test keys, cancelled ones and those
        Tidings could not hand over are not counted.
      </p>
    </>
  );
}
