import type { Metadata } from "next";
import Link from "next/link";
import { LiveDashboard } from "@/components/dashboard/live-dashboard";
import { recentUnsubscribes } from "@/lib/campaigns/recent-unsubscribes";
import { JobsTable } from "@/components/jobs/jobs-table";
import { listJobs } from "@/lib/jobs/queries";
import { requireServiceAccess } from "@/lib/http/session";
import { recentDashboardSummary } from "@/lib/notifications/dashboard";
import { getServiceDetails } from "@/lib/services/queries";
import { DateTime } from "@/components/ui/date-time";
import { Notice } from "@/components/ui/notice";
import { Table } from "@/components/ui/table";
import { listScheduledNotifications } from "@/lib/notifications/scheduled-notifications";
import { cancelScheduledAction } from "./notifications/[notificationId]/actions";

export const metadata: Metadata = { title: "Dashboard" };

export default async function ServiceOverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const { serviceId } = await params;
  const { done } = await searchParams;
  const { access } = await requireServiceAccess(serviceId);
  const service = await getServiceDetails(serviceId);
  const canSee = access.permissions.has("view_activity");
  const canCancel = access.permissions.has("send_messages");
  const [summary, scheduled, jobs, unsubscribes] = await Promise.all([
    canSee ? recentDashboardSummary(serviceId) : null,
    canSee ? listScheduledNotifications(serviceId) : [],
    canCancel ? listJobs(serviceId, 5) : [],
    // Whoever runs campaigns (the campaigns pages need "send messages").
    canCancel ? recentUnsubscribes(serviceId) : null,
  ]);
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">Dashboard</h1>
      {service.trialMode && (
        <div className="mb-8 border-l-8 border-brand bg-gray-50 px-4 py-3 text-lg">
          <h2 className="font-bold">Your service is in trial mode</h2>
          <p>
            You can only send messages to your team members and guest list, up to {service.emailMessageLimit} emails and{" "}
            {service.smsMessageLimit} text messages a day.
          </p>
        </div>
      )}
      {done === "cancelled" && <Notice>The scheduled message was cancelled. It will not be sent.</Notice>}
      {scheduled.length > 0 && (
        <section aria-labelledby="scheduled-heading" className="mb-10">
          <h2 id="scheduled-heading" className="mb-3 text-2xl font-bold">
            Scheduled messages ({scheduled.length})
          </h2>
          <Table
            caption="Messages waiting for their time, soonest first"
            hideCaption
            rows={scheduled}
            rowKey={(row) => row.id}
            empty={null}
            columns={[
              {
                header: "Sends at (UTC)",
                cell: (row) => <DateTime value={row.scheduledFor} />,
                className: "whitespace-nowrap",
              },
              {
                header: "Recipient",
                cell: (row) => <Link href={`/services/${serviceId}/notifications/${row.id}`}>{row.recipient}</Link>,
                className: "break-all",
              },
              { header: "Template", cell: (row) => row.templateName },
              canCancel && {
                header: "Cancel",
                hideHeader: true,
                cell: (row) => (
                  <form action={cancelScheduledAction.bind(null, serviceId)}>
                    <input type="hidden" name="notificationId" value={row.id} />
                    <button type="submit" className="text-lg text-brand underline">
                      Cancel<span className="sr-only"> the message to {row.recipient}</span>
                    </button>
                  </form>
                ),
              },
            ]}
          />
        </section>
      )}
      {summary && (
        <div className="mb-10">
          <LiveDashboard serviceId={serviceId} initial={summary} />
        </div>
      )}
      {unsubscribes && (
        <section aria-labelledby="unsubscribes-heading" className="mb-10">
          <h2 id="unsubscribes-heading" className="mb-3 text-2xl font-bold">
            Unsubscribes from campaigns
          </h2>
          {unsubscribes.total === 0 ? (
            <p className="text-lg">Nobody has unsubscribed from your campaigns in the last {unsubscribes.days} days.</p>
          ) : (
            <>
              <p className="text-lg">
                <span className="text-4xl font-bold">{unsubscribes.total.toLocaleString("en-GB")}</span>{" "}
                {unsubscribes.total === 1 ? "person" : "people"} unsubscribed in the last {unsubscribes.days} days,
                from:
              </p>
              <ul className="mt-2 space-y-1 text-lg">
                {unsubscribes.campaigns.map((campaign) => (
                  <li key={campaign.id}>
                    <Link href={`/services/${serviceId}/campaigns/${campaign.id}`}>{campaign.name}</Link>:{" "}
                    {campaign.count.toLocaleString("en-GB")}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="mt-2 text-lg">
            <Link href={`/services/${serviceId}/campaigns`}>See all campaigns</Link>
          </p>
        </section>
      )}
      {jobs.length > 0 && (
        <>
          <JobsTable serviceId={serviceId} jobs={jobs} caption="Recent uploads" />
          <p className="-mt-6 mb-10 text-lg">
            <Link href={`/services/${serviceId}/uploads`}>See all uploads</Link>
          </p>
        </>
      )}
      <dl className="grid max-w-2xl grid-cols-[max-content_1fr] gap-x-8 gap-y-3 text-lg">
        <dt className="font-bold">Daily limits</dt>
        <dd>
          {service.emailMessageLimit.toLocaleString("en-GB")} emails, {service.smsMessageLimit.toLocaleString("en-GB")}{" "}
          text messages
        </dd>
        <dt className="font-bold">Data kept for</dt>
        <dd>
          {service.emailRetentionDays} days (emails), {service.smsRetentionDays} days (text messages)
        </dd>
      </dl>
      {access.permissions.has("manage_service") && (
        <p className="mt-8 text-lg">
          <Link href={`/services/${serviceId}/settings`}>Change settings</Link>
        </p>
      )}
    </>
  );
}
