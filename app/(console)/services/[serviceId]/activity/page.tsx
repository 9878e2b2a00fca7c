import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { StatusTag } from "@/components/ui/status-tag";
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

      {rows.length === 0 ? (
        <p className="text-lg">
          {filtered
            ? "No messages match these filters."
            : "No messages yet. Messages you send from a template or through the API appear here."}
        </p>
      ) : (
        <table className="w-full text-left">
          <caption className="sr-only">Messages, newest first</caption>
          <thead className="border-b border-line">
            <tr>
              <th scope="col" className="py-2 pr-4">
                Recipient
              </th>
              <th scope="col" className="py-2 pr-4">
                Template
              </th>
              <th scope="col" className="py-2 pr-4">
                Status
              </th>
              <th scope="col" className="py-2">
                Created (UTC)
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-line align-top">
                <td className="py-2 pr-4 break-all">
                  <Link href={`/services/${serviceId}/notifications/${row.id}`}>{row.recipient}</Link>
                </td>
                <td className="py-2 pr-4">{row.templateName}</td>
                <td className="py-2 pr-4">
                  <StatusTag status={row.status} />
                </td>
                <td className="py-2">
                  <DateTime value={row.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination
        previous={query.after ? `${base}?${filterQuery}` : null}
        next={nextCursor ? `${base}?${new URLSearchParams([...filterQuery, ["after", nextCursor]])}` : null}
        label="Activity pages"
        previousLabel="Newest messages"
      />
    </>
  );
}
