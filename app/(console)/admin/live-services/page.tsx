import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { Table } from "@/components/ui/table";
import { requirePlatformAdmin } from "@/lib/http/session";
import { liveServicesReport } from "@/lib/usage/live-services";
import { financialYearOf } from "@/lib/usage/usage";
import { AdminTabs } from "../admin-tabs";

export const metadata: Metadata = { title: "Live services" };

const count = (value: number) => value.toLocaleString("en-GB");

export default async function LiveServicesPage() {
  await requirePlatformAdmin();
  const year = financialYearOf(new Date());
  const services = await liveServicesReport(year);
  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">Platform admin</h1>
      <AdminTabs current="/admin/live-services" />
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-4">
        <h2 className="text-2xl font-bold">Live services ({count(services.length)})</h2>
        {services.length > 0 && (
          <a href="/admin/live-services/export" className="text-lg">
            Download (CSV)
          </a>
        )}
      </div>
      <Table
        caption={`Live services, by name, with what each sent from April ${year}`}
        hideCaption
        rows={services}
        rowKey={(service) => service.id}
        empty="No service is live yet. Services leave trial mode when a platform administrator approves their request to go live."
        columns={[
          { header: "Service", cell: (service) => <Link href={`/services/${service.id}`}>{service.name}</Link> },
          {
            header: "Went live",
            cell: (service) =>
              service.wentLiveAt ? <DateTime value={service.wentLiveAt} precision="day" /> : "Not recorded",
            className: "whitespace-nowrap",
          },
          { header: "Emails this year", cell: (service) => count(service.emails), numeric: true },
          { header: "Text messages this year", cell: (service) => count(service.texts), numeric: true },
          { header: "Parts this year", cell: (service) => count(service.fragments), numeric: true },
        ]}
      />
      <p className="mt-4 text-muted">
        This year is the financial year from 1 April {year}. Archived services and those in trial mode are not listed.
      </p>
    </>
  );
}
