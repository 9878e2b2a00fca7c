import type { Metadata } from "next";
import Link from "next/link";
import { DailyRateChart } from "@/components/charts/daily-rate-chart";
import { Notice } from "@/components/ui/notice";
import { Pagination } from "@/components/ui/pagination";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table } from "@/components/ui/table";
import { EVENT_FILTERS, recentBouncesAndComplaints, type EventFilter } from "@/lib/deliverability/events";
import { deliverabilityOf } from "@/lib/deliverability/rates";
import { requireServiceAccess } from "@/lib/http/session";
import { listSuppressions } from "@/lib/suppression/suppression-list";
import { removeSuppressionAction } from "./actions";
import { DateTime } from "@/components/ui/date-time";

export const metadata: Metadata = { title: "Bounces and complaints" };

type SearchParams = {
  type?: string;
  page?: string;
  search?: string;
  listPage?: string;
  remove?: string;
  removed?: string;
};

const REASON_LABELS = {
  bounce: "Permanent bounce",
  complaint: "Complaint",
  opt_out: "Opted out",
  manual: "Added by a team member",
} as const;
const FILTER_LABELS: Record<EventFilter, string> = { all: "All", bounce: "Bounces", complaint: "Complaints" };
const pageNumber = (value: string | undefined) => Math.max(1, Math.min(10_000, Number.parseInt(value ?? "1", 10) || 1));
const percent = (rate: number) => `${(rate * 100).toLocaleString("en-GB", { maximumFractionDigits: 2 })}%`;

export default async function DeliverabilityPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { serviceId } = await params;
  const query = await searchParams;
  const { access } = await requireServiceAccess(serviceId, "view_activity");
  const canRemove = access.permissions.has("manage_service");
  const filter: EventFilter = EVENT_FILTERS.includes(query.type as EventFilter) ? (query.type as EventFilter) : "all";
  const page = pageNumber(query.page);
  const listPage = pageNumber(query.listPage);
  const search = query.search?.slice(0, 320) ?? "";
  const [rates, events, suppressions] = await Promise.all([
    deliverabilityOf(serviceId),
    recentBouncesAndComplaints(serviceId, filter, page),
    listSuppressions(serviceId, { search, page: listPage }),
  ]);
  const base = `/services/${serviceId}/deliverability`;
  const link = (changes: Partial<SearchParams>) =>
    `${base}?${new URLSearchParams(Object.entries({ type: filter, page: String(page), search, listPage: String(listPage), ...changes }).filter(([, value]) => value && value !== "1" && value !== "all") as [string, string][])}`;
  const toRemove =
    canRemove && query.remove ? suppressions.items.find((entry) => entry.id === query.remove) : undefined;

  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">Bounces and complaints</h1>
      {query.removed && (
        <Notice>The recipient was removed from the suppression list. Messages to them will be sent again.</Notice>
      )}
      {(rates.alert.bounce || rates.alert.complaint) && (
        <Notice tone="warning">
          <h2 className="font-bold">
            {rates.alert.bounce ? "Too many emails are bouncing" : "Too many people are reporting emails as spam"}
          </h2>
          <p>
            AWS reviews sending accounts whose bounce rate reaches {rates.thresholds.bouncePercent}% or complaint rate{" "}
            {rates.thresholds.complaintPercent}%, and can pause sending for everyone on it. Check that your recipient
            lists are up to date and that people expect your emails.
          </p>
        </Notice>
      )}

      <div className="mb-8 grid gap-4 sm:grid-cols-2">
        {rates.windows.map((window) => (
          <section
            key={window.days}
            aria-labelledby={`window-${window.days}`}
            className="border-t-4 border-brand bg-gray-50 p-4"
          >
            <h2 id={`window-${window.days}`} className="text-xl font-bold">
              Last {window.days} days
            </h2>
            <p className="text-lg">{window.sent.toLocaleString("en-GB")} emails sent</p>
            <p
              className={`text-3xl font-bold ${window.bounceRate * 100 >= rates.thresholds.bouncePercent ? "text-error" : ""}`}
            >
              {percent(window.bounceRate)} <span className="text-lg font-normal">bounced ({window.bounced})</span>
            </p>
            <p
              className={`text-3xl font-bold ${window.complaintRate * 100 >= rates.thresholds.complaintPercent ? "text-error" : ""}`}
            >
              {percent(window.complaintRate)}{" "}
              <span className="text-lg font-normal">complaints ({window.complained})</span>
            </p>
          </section>
        ))}
      </div>

      <DailyRateChart
        title="Bounce rate by day, last 30 days"
        days={rates.daily}
        count="bounced"
        thresholdPercent={rates.thresholds.bouncePercent}
      />
      <DailyRateChart
        title="Complaint rate by day, last 30 days"
        days={rates.daily}
        count="complained"
        thresholdPercent={rates.thresholds.complaintPercent}
      />

      <h2 id="recent" className="mb-3 mt-10 text-2xl font-bold">
        Recent bounces and complaints
      </h2>
      <nav aria-label="Filter by type" className="mb-4 flex gap-4 text-lg">
        {EVENT_FILTERS.map((option) => (
          <Link
            key={option}
            href={`${link({ type: option, page: "1" })}#recent`}
            aria-current={option === filter ? "page" : undefined}
            className={option === filter ? "font-bold no-underline" : ""}
          >
            {FILTER_LABELS[option]}
          </Link>
        ))}
      </nav>
      <Table
        caption={`Recent ${filter === "all" ? "bounces and complaints" : FILTER_LABELS[filter].toLowerCase()}, newest first`}
        hideCaption
        rows={events.items}
        rowKey={(item) => item.id}
        empty={`No ${filter === "all" ? "bounces or complaints" : FILTER_LABELS[filter].toLowerCase()} yet. They appear here as soon as AWS reports them.`}
        columns={[
          { header: "Recipient", cell: (item) => item.recipient, className: "break-all" },
          { header: "What happened", cell: (item) => item.detail },
          { header: "When (UTC)", cell: (item) => <DateTime value={item.at} /> },
        ]}
      />
      <Pagination
        previous={page > 1 ? `${link({ page: String(page - 1) })}#recent` : null}
        next={events.hasMore ? `${link({ page: String(page + 1) })}#recent` : null}
        label="Recent bounces and complaints pages"
      />

      <h2 id="suppression-list" className="mb-3 mt-10 text-2xl font-bold">
        Suppression list
      </h2>
      <p className="mb-4 text-lg">
        Tidings does not send to these recipients.{" "}
        {canRemove
          ? "Remove one only if you know the address or number works again."
          : "Ask a team member who can manage the service to remove one."}
      </p>
      <form method="get" action={`${base}#suppression-list`} className="mb-4 flex items-end gap-3">
        <input type="hidden" name="type" value={filter} />
        <div>
          <label htmlFor="search" className="block text-lg font-bold">
            Search recipients
          </label>
          <input
            id="search"
            name="search"
            type="search"
            defaultValue={search}
            className="border-2 border-ink px-2 py-1 text-lg"
          />
        </div>
        <button type="submit" className="bg-gray-200 px-4 py-2 text-lg font-bold">
          Search
        </button>
      </form>

      {toRemove && (
        <div id="remove" className="mb-6 border-4 border-error p-4">
          <h3 className="mb-2 text-xl font-bold">Remove {toRemove.recipient} from the suppression list?</h3>
          <p className="mb-4 text-lg">
            Messages to this recipient will be sent again. If it still bounces, it will be added back.
          </p>
          <form action={removeSuppressionAction.bind(null, serviceId)} className="flex items-center gap-4">
            <input type="hidden" name="entryId" value={toRemove.id} />
            <SubmitButton variant="warning">Yes, remove it</SubmitButton>
            <Link href={`${link({})}#suppression-list`}>Cancel</Link>
          </form>
        </div>
      )}

      <Table
        caption="Suppressed recipients, newest first"
        hideCaption
        rows={suppressions.items}
        rowKey={(entry) => entry.id}
        empty={
          search
            ? `No suppressed recipient matches “${search}”.`
            : "No one is suppressed. Recipients are added when an email bounces permanently, someone complains, or a person texts STOP."
        }
        columns={[
          { header: "Recipient", cell: (entry) => entry.recipient, className: "break-all" },
          {
            header: "Why",
            cell: (entry) => (
              <>
                {REASON_LABELS[entry.reason]}
                {entry.bounceSubType && <span className="text-muted"> ({entry.bounceSubType})</span>}
                {entry.diagnosticCode && <span className="block text-sm text-muted">{entry.diagnosticCode}</span>}
              </>
            ),
          },
          { header: "Since (UTC)", cell: (entry) => <DateTime value={entry.createdAt} /> },
          canRemove && {
            header: "Action",
            hideHeader: true,
            cell: (entry) => (
              <Link href={`${link({ remove: entry.id })}#remove`}>
                Remove<span className="sr-only"> {entry.recipient}</span>
              </Link>
            ),
          },
        ]}
      />
      <Pagination
        previous={listPage > 1 ? `${link({ listPage: String(listPage - 1) })}#suppression-list` : null}
        next={suppressions.hasMore ? `${link({ listPage: String(listPage + 1) })}#suppression-list` : null}
        label="Suppression list pages"
      />
    </>
  );
}
