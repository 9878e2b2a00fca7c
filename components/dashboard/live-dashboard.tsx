"use client";

import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Table } from "@/components/ui/table";
import type { ChannelCounts, DashboardSummary } from "@/lib/notifications/dashboard";

const REFRESH_MS = 5_000;

/** Each figure links to the same messages in Activity, filtered the same way, so the two agree. */
function Totals({ label, counts, activity }: { label: string; counts: ChannelCounts; activity: string }) {
  const link = (status: string) => `${activity}&status=${status}`;
  return (
    <section aria-label={label} className="border-t-4 border-brand bg-gray-50 p-4">
      <h3 className="text-xl font-bold">{label}</h3>
      <p className="text-4xl font-bold">
        <Link href={activity} className="no-underline hover:underline">
          {counts.total.toLocaleString("en-GB")}
          <span className="sr-only"> {label.toLowerCase()} in the last 7 days</span>
        </Link>
      </p>
      <ul className="mt-2 space-y-1 text-lg">
        <li>
          <Link href={link("sending")}>{counts.sending.toLocaleString("en-GB")} sending</Link>
        </li>
        <li>
          <Link href={link("delivered")} className="text-success">
            {counts.delivered.toLocaleString("en-GB")} delivered
          </Link>
        </li>
        <li>
          <Link href={link("failed")} className={counts.failed > 0 ? "font-bold text-error" : ""}>
            {counts.failed.toLocaleString("en-GB")} failed
          </Link>
        </li>
      </ul>
    </section>
  );
}

function DailyChart({ daily }: { daily: DashboardSummary["daily"] }) {
  if (daily.every((day) => day.email + day.sms === 0))
    return (
      <p className="mt-8 text-lg text-muted">
        No messages in the last 7 days yet. A chart of messages per day appears here once you send some.
      </p>
    );
  const top = Math.max(1, ...daily.map((day) => day.email + day.sms));
  const summary = daily.map((day) => `${day.day}: ${day.email} emails, ${day.sms} text messages`).join("; ");
  return (
    <figure className="mt-8">
      <figcaption className="mb-2 text-lg font-bold">Messages per day</figcaption>
      <div role="img" aria-label={summary} className="flex h-40 items-end gap-2 border-b border-line">
        {daily.map((day) => (
          <div
            key={day.day}
            className="flex flex-1 flex-col justify-end"
            title={`${day.day}: ${day.email} emails, ${day.sms} text messages`}
          >
            <div className="bg-brand" style={{ height: `${(day.sms / top) * 9}rem` }} />
            <div className="bg-brand-dark" style={{ height: `${(day.email / top) * 9}rem` }} />
          </div>
        ))}
      </div>
      <div className="mt-1 flex gap-2 text-sm text-muted" aria-hidden="true">
        {daily.map((day) => (
          <span key={day.day} className="flex-1 text-center">
            {day.day.slice(5)}
          </span>
        ))}
      </div>
      <p className="mt-2 text-sm">
        <span className="mr-1 inline-block size-3 bg-brand-dark" aria-hidden="true" />
        Emails <span className="ml-4 mr-1 inline-block size-3 bg-brand" aria-hidden="true" />
        Text messages
      </p>
    </figure>
  );
}

function Dashboard({ serviceId, initial }: { serviceId: string; initial: DashboardSummary }) {
  const { data } = useQuery({
    queryKey: ["dashboard", serviceId],
    queryFn: async (): Promise<DashboardSummary> => (await fetch(`/services/${serviceId}/dashboard-summary`)).json(),
    initialData: initial,
    // Refresh only while something is in flight; a quiet dashboard makes no requests.
    refetchInterval: (query) =>
      query.state.data && query.state.data.totals.email.sending + query.state.data.totals.sms.sending > 0
        ? REFRESH_MS
        : false,
  });
  const activity = `/services/${serviceId}/activity?from=${data.daily[0]?.day ?? ""}`;
  return (
    <>
      <h2 className="mb-4 text-2xl font-bold">In the last 7 days</h2>
      <div className="grid gap-4 sm:grid-cols-2" aria-live="polite">
        <Totals label="Emails" counts={data.totals.email} activity={`${activity}&type=email`} />
        <Totals label="Text messages" counts={data.totals.sms} activity={`${activity}&type=sms`} />
      </div>
      <DailyChart daily={data.daily} />
      <h2 className="mb-3 mt-8 text-2xl font-bold">Templates used</h2>
      <Table
        caption="Messages sent from each template in the last 7 days, most used first"
        hideCaption
        className="text-lg"
        rows={data.templateUsage}
        rowKey={(row) => row.templateId}
        empty="No template was used in the last 7 days."
        columns={[
          {
            header: "Template",
            cell: (row) => (
              <>
                <Link href={`${activity}&template=${row.templateId}`}>{row.name}</Link>{" "}
                <span className="text-muted">({row.type === "email" ? "email" : "text message"})</span>
              </>
            ),
          },
          { header: "Messages", numeric: true, cell: (row) => row.count.toLocaleString("en-GB") },
        ]}
      />
      <h2 className="mb-3 mt-8 text-2xl font-bold">Recent failures</h2>
      {data.recentFailures.length === 0 ? (
        <p className="text-lg text-muted">No failed messages in the last 7 days.</p>
      ) : (
        <ul className="divide-y divide-line border-y border-line">
          {data.recentFailures.map((failure) => (
            <li key={failure.id} className="py-2">
              <Link href={`/services/${serviceId}/notifications/${failure.id}`} className="break-all">
                {failure.recipient}
              </Link>
              <span className="ml-2 text-muted">
                {failure.templateName} · {failure.statusLabel} · {failure.createdAt.slice(0, 16).replace("T", " ")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The overview page's figures; polls for changes while messages are sending. */
export function LiveDashboard(props: { serviceId: string; initial: DashboardSummary }) {
  const [client] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={client}>
      <Dashboard {...props} />
    </QueryClientProvider>
  );
}
