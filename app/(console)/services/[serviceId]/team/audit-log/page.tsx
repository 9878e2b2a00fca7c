import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { describeAuditEvent } from "@/lib/audit/describe-audit-event";
import { listServiceAuditEvents } from "@/lib/audit/service-audit-log";
import { requireServiceAccess } from "@/lib/http/session";

export const metadata: Metadata = { title: "Audit log" };

const pageNumber = (value: string | undefined) => Math.max(1, Math.min(10_000, Number.parseInt(value ?? "1", 10) || 1));

export default async function AuditLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const { serviceId } = await params;
  await requireServiceAccess(serviceId);
  const page = pageNumber((await searchParams).page);
  const { items, hasMore } = await listServiceAuditEvents(serviceId, page);
  const base = `/services/${serviceId}/team/audit-log`;
  return (
    <>
      <p className="mb-4 text-lg">
        <Link href={`/services/${serviceId}/team`}>Back to team members</Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">Audit log</h1>
      <Table
        caption="Changes to this service, newest first"
        hideCaption
        rows={items}
        rowKey={(item) => item.id}
        empty={
          page > 1
            ? "There is nothing more in the audit log."
            : "Nothing has been recorded yet. Changes to the team, settings, API keys and callbacks will appear here."
        }
        columns={[
          { header: "When (UTC)", cell: (item) => <DateTime value={item.at} />, className: "whitespace-nowrap" },
          { header: "Who", cell: (item) => (item.who ? item.who.name : "Tidings") },
          { header: "What", cell: (item) => describeAuditEvent(item.action, item.details), className: "break-words" },
        ]}
      />
      <Pagination
        previous={page > 1 ? `${base}?page=${page - 1}` : null}
        next={hasMore ? `${base}?page=${page + 1}` : null}
        label="Audit log pages"
      />
    </>
  );
}
