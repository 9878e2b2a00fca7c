import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { StatusTag } from "@/components/ui/status-tag";
import { Table } from "@/components/ui/table";
import { requireServiceAccess } from "@/lib/http/session";
import { activityFilters, searchNotifications } from "@/lib/notifications/activity";
import { listTemplatesForConsole } from "@/lib/templates/console-queries";
import { DateTime } from "@/components/ui/date-time";

export const metadata: Metadata = { title: "Activity" };

type Query = Record<string, string | undefined>;

export default async function ActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<Query>;
}) {
  const { serviceId } = await params;
  const query = await searchParams;
  await requireServiceAccess(serviceId, "view_activity");
  const filters = activityFilters.parse(query);
  const [{ rows, nextCursor }, templates] = await Promise.all([
    searchNotifications(serviceId, filters, query.after),
    listTemplatesForConsole(serviceId, {}),
  ]);
  const base = `/services/${serviceId}/activity`;
  const filterQuery = new URLSearchParams(Object.entries(filters).filter(([, value]) => value) as [string, string][]);
  const filtered = filterQuery.size > 0;

  return (
    <>
      <div className="mb-6 flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-3xl font-bold">Activity</h1>
        <a href={`${base}/export?${filterQuery}`} className="text-lg">
          Download these messages (CSV)
        </a>
      </div>
      <form
        method="get"
        action={base}
        className="mb-6 grid gap-4 sm:grid-cols-3"
        role="search"
        aria-label="Filter messages"
      >
        <div>
          <label htmlFor="recipient" className="block font-bold">
            Email address or phone number
          </label>
          <input
            id="recipient"
            name="recipient"
            type="search"
            defaultValue={filters.recipient ?? ""}
            className="w-full border-2 border-ink px-2 py-1"
          />
        </div>
        <div>
          <label htmlFor="type" className="block font-bold">
            Type
          </label>
          <select
            id="type"
            name="type"
            defaultValue={filters.type ?? ""}
            className="w-full border-2 border-ink px-2 py-1"
          >
            <option value="">Emails and text messages</option>
            <option value="email">Emails</option>
            <option value="sms">Text messages</option>
          </select>
        </div>
        <div>
          <label htmlFor="status" className="block font-bold">
            Status
          </label>
          <select
            id="status"
            name="status"
            defaultValue={filters.status ?? ""}
            className="w-full border-2 border-ink px-2 py-1"
          >
            <option value="">All</option>
            <option value="sending">Sending</option>
            <option value="delivered">Delivered</option>
            <option value="failed">Failed</option>
          </select>
        </div>
        <div>
          <label htmlFor="template" className="block font-bold">
            Template
          </label>
          <select
            id="template"
            name="template"
            defaultValue={filters.template ?? ""}
            className="w-full border-2 border-ink px-2 py-1"
          >
            <option value="">All templates</option>
            {templates.map((template) => (
              <option key={template.id} value={template.id}>
                {template.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="block font-bold">
            Sent from
          </label>
          <input
            id="from"
            name="from"
            type="date"
            defaultValue={filters.from ?? ""}
            className="w-full border-2 border-ink px-2 py-1"
          />
        </div>
        <div>
          <label htmlFor="to" className="block font-bold">
            Sent until
          </label>
          <input
            id="to"
            name="to"
            type="date"
            defaultValue={filters.to ?? ""}
            className="w-full border-2 border-ink px-2 py-1"
          />
        </div>
        <div>
          <label htmlFor="keys" className="block font-bold">
            Sent with
          </label>
          <select
            id="keys"
            name="keys"
            defaultValue={filters.keys ?? ""}
            className="w-full border-2 border-ink px-2 py-1"
          >
            <option value="">The console, live and team keys</option>
            <option value="test">Test keys (nothing delivered)</option>
          </select>
        </div>
        <div className="flex gap-4 sm:col-span-3">
          <button type="submit" className="bg-gray-200 px-4 py-2 text-lg font-bold">
            Filter
          </button>
          {filtered && (
            <Link href={base} className="self-center">
              Clear filters
            </Link>
          )}
        </div>
      </form>

      <Table
        caption="Messages, newest first"
        hideCaption
        rows={rows}
        rowKey={(row) => row.id}
        empty={
          filtered
            ? "No messages match these filters."
            : "No messages yet. Messages you send from a template or through the API appear here. Messages sent with test keys are under “Sent with”."
        }
        columns={[
          {
            header: "Recipient",
            cell: (row) => <Link href={`/services/${serviceId}/notifications/${row.id}`}>{row.recipient}</Link>,
            className: "break-all",
          },
          { header: "Template", cell: (row) => row.templateName },
          {
            header: "Status",
            cell: (row) => (
              <>
                <StatusTag status={row.status} />
                {row.testKeyName && (
                  <span className="block text-muted">Test key “{row.testKeyName}”: nothing was delivered</span>
                )}
              </>
            ),
          },
          { header: "Created (UTC)", cell: (row) => <DateTime value={row.createdAt} /> },
        ]}
      />
      <Pagination
        previous={query.after ? `${base}?${filterQuery}` : null}
        next={nextCursor ? `${base}?${new URLSearchParams([...filterQuery, ["after", nextCursor]])}` : null}
        label="Activity pages"
        previousLabel="Newest messages"
      />
    </>
  );
}
