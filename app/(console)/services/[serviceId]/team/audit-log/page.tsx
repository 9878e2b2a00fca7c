import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { Pagination } from "@/components/ui/pagination";
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
      {items.length === 0 ? (
        <p className="text-lg text-muted">
          {page > 1
            ? "There is nothing more in the audit log."
            : "Nothing has been recorded yet. Changes to the team, settings, API keys and callbacks will appear here."}
        </p>
      ) : (
        <table className="w-full text-left">
          <caption className="sr-only">Changes to this service, newest first</caption>
          <thead className="border-b border-line">
            <tr>
              <th scope="col" className="py-2 pr-4">
                When (UTC)
              </th>
              <th scope="col" className="py-2 pr-4">
                Who
              </th>
              <th scope="col" className="py-2">
                What
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} className="border-b border-line align-top">
                <td className="whitespace-nowrap py-2 pr-4">
                  <DateTime value={item.at} />
                </td>
                <td className="py-2 pr-4">{item.who ? item.who.name : "Tidings"}</td>
                <td className="break-words py-2">{describeAuditEvent(item.action, item.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination
        previous={page > 1 ? `${base}?page=${page - 1}` : null}
        next={hasMore ? `${base}?page=${page + 1}` : null}
        label="Audit log pages"
      />
    </>
  );
}
