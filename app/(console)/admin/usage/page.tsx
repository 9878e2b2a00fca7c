import type { Metadata } from "next";
import Link from "next/link";
import { Table } from "@/components/ui/table";
import { YearLinks, yearFrom } from "@/components/usage/year-links";
import { requirePlatformAdmin } from "@/lib/http/session";
import { financialYearOf, platformUsage } from "@/lib/usage/usage";
import { AdminTabs } from "../admin-tabs";

export const metadata: Metadata = { title: "Usage of every service" };

const count = (value: number) => value.toLocaleString("en-GB");

export default async function PlatformUsagePage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  await requirePlatformAdmin();
  const current = financialYearOf(new Date());
  const year = yearFrom((await searchParams).year, current);
  const rows = await platformUsage(year);
  const total = rows.reduce((sum, row) => sum + row.totals.costInPounds, 0);
  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">Platform admin</h1>
      <AdminTabs current="/admin/usage" />
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-4">
        <h2 className="text-2xl font-bold">Usage by service</h2>
        {rows.length > 0 && (
          <a href={`/admin/usage/export?year=${year}`} className="text-lg">
            Download this year (CSV)
          </a>
        )}
      </div>
      <YearLinks base="/admin/usage" year={year} current={current} />
      <p className="mb-4 text-lg">
        <Link href={`/admin/usage/by-month?year=${year}`}>Messages by service and month</Link>
      </p>
      <Table
        caption={`Usage by service, April ${year} to March ${year + 1}, busiest first`}
        hideCaption
        rows={rows}
        rowKey={(row) => row.id}
        empty="No service sent anything in this financial year."
        columns={[
          {
            header: "Service",
            cell: (row) => <Link href={`/services/${row.id}/usage?year=${year}`}>{row.name}</Link>,
          },
          { header: "Emails", cell: (row) => count(row.totals.emails), numeric: true },
          { header: "Text messages", cell: (row) => count(row.totals.texts), numeric: true },
          { header: "Parts", cell: (row) => count(row.totals.fragments), numeric: true },
          { header: "Cost", cell: (row) => `£${row.totals.costInPounds.toFixed(2)}`, numeric: true },
        ]}
      />
      {rows.length > 0 && <p className="mt-4 text-lg font-bold">Total cost: £{total.toFixed(2)}</p>}
    </>
  );
}
