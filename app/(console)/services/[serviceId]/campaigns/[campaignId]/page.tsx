import type { Metadata } from "next";
import Link from "next/link";
import { CampaignTimelineChart } from "@/components/charts/campaign-timeline-chart";
import { DateTime } from "@/components/ui/date-time";
import { Notice } from "@/components/ui/notice";
import { ProgressBar } from "@/components/ui/progress-bar";
import { RefreshWhileWaiting } from "@/components/ui/refresh-while-waiting";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table } from "@/components/ui/table";
import { campaignTimeline, problemRecipients, topLinks } from "@/lib/campaigns/campaign-report";
import { campaignCounts, campaignRates, estimatedFinish } from "@/lib/campaigns/campaign-progress";
import { audiencePartsOf, findCampaign } from "@/lib/campaigns/queries";
import { config } from "@/lib/config";
import { requireServiceAccess } from "@/lib/http/session";
import { countAudience } from "@/lib/mailing-lists/audience";
import { importsUnderWay } from "@/lib/mailing-lists/queries";
import { findCurrentTemplate } from "@/lib/templates/queries";
import { controlCampaignAction, sendCampaignAction, sendTestAction } from "../actions";
import { CAMPAIGN_STATUS_LABELS, percent } from "../campaign-labels";
import { SendForm, SendTestForm } from "../campaign-forms";

export const metadata: Metadata = { title: "Campaign" };

const REFUSALS: Record<string, string> = {
  pause: "Only a campaign that is sending can be paused.",
  resume: "Only a paused campaign can be resumed.",
  cancel: "This campaign has already finished.",
  archive: "Pause or cancel the campaign before archiving it.",
};

export default async function CampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string; campaignId: string }>;
  searchParams: Promise<{ refused?: string }>;
}) {
  const { serviceId, campaignId } = await params;
  const { refused } = await searchParams;
  await requireServiceAccess(serviceId, "send_messages");
  const campaign = await findCampaign(serviceId, campaignId);
  const beforeSending = campaign.status === "draft" || campaign.status === "scheduled";
  const [template, counts, audience, copying] = await Promise.all([
    findCurrentTemplate(serviceId, campaign.templateId),
    campaignCounts(campaignId),
    beforeSending ? countAudience(serviceId, await audiencePartsOf(campaignId)) : null,
    beforeSending
      ? importsUnderWay(
          serviceId,
          campaign.audiences.map((part) => part.listId),
        )
      : [],
  ]);
  const recipients = campaign.recipientCount ?? audience?.sendable ?? 0;
  const rates = campaignRates(counts);
  const started = counts.accepted > 0;
  const live = campaign.status === "sending" || campaign.status === "scheduled";
  const finish = campaign.status === "sending" ? estimatedFinish(recipients - counts.sent, counts.ratePerSecond) : null;
  const control = controlCampaignAction.bind(null, serviceId, campaignId);
  const button = (command: string, label: string, variant: "primary" | "secondary" | "warning" = "secondary") => (
    <form action={control}>
      <input type="hidden" name="command" value={command} />
      <SubmitButton variant={variant}>{label}</SubmitButton>
    </form>
  );

  return (
    <>
      {(live || copying.length > 0) && <RefreshWhileWaiting />}
      <p className="mb-2">
        <Link href={`/services/${serviceId}/campaigns`}>Campaigns</Link>
      </p>
      <h1 className="mb-2 text-3xl font-bold">{campaign.name}</h1>
      <p className="mb-6 text-lg">
        Status: <strong>{CAMPAIGN_STATUS_LABELS[campaign.status]}</strong>
        {campaign.status === "scheduled" && campaign.scheduledFor && (
          <>
            {" "}
            for <DateTime value={campaign.scheduledFor} /> UTC
          </>
        )}
        {campaign.archivedAt && " (archived)"}
      </p>
      {refused && REFUSALS[refused] && <Notice tone="warning">{REFUSALS[refused]}</Notice>}
      {campaign.status === "paused" && campaign.pausedReason && <Notice tone="warning">{campaign.pausedReason}</Notice>}

      <dl className="mb-8 grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-lg">
        <dt className="font-bold">Template</dt>
        <dd>
          {template ? (
            <Link href={`/services/${serviceId}/templates/${template.templateId}`}>{template.name}</Link>
          ) : (
            "deleted"
          )}
        </dd>
        <dt className="font-bold">Subject</dt>
        <dd>{campaign.subject ?? template?.subject ?? ""}</dd>
        <dt className="font-bold">From name</dt>
        <dd>{campaign.fromName ?? "your service’s name"}</dd>
        <dt className="font-bold">Sent to</dt>
        <dd>
          {campaign.audiences
            .map((audience) =>
              audience.segmentName ? `${audience.listName} (segment: ${audience.segmentName})` : audience.listName,
            )
            .join(", ")}
        </dd>
        <dt className="font-bold">Tracking</dt>
        <dd>{campaign.trackEngagement ? "Opens and clicks are tracked" : "Not tracked"}</dd>
        {Object.keys(campaign.fallbacks).length > 0 && (
          <>
            <dt className="font-bold">Fallbacks</dt>
            <dd>
              {Object.entries(campaign.fallbacks)
                .map(([name, value]) => `((${name})): ${value || "(empty)"}`)
                .join(", ")}
            </dd>
          </>
        )}
      </dl>

      {campaign.status === "draft" && copying.length > 0 && (
        <section aria-labelledby="copying-heading" className="mb-10">
          <h2 id="copying-heading" className="mb-4 text-2xl font-bold">
            Copying in the contact lists
          </h2>
          <p className="mb-4 text-lg">
            The campaign can be sent once everyone on its contact lists has been copied into their mailing lists.
          </p>
          {copying.map((copy) => (
            <ProgressBar key={copy.id} label={`Copied of ${copy.listName}`} percent={copy.percent} />
          ))}
        </section>
      )}

      {campaign.status === "draft" && audience && copying.length === 0 && (
        <section aria-labelledby="send-heading" className="mb-10">
          <h2 id="send-heading" className="mb-4 text-2xl font-bold">
            Send it
          </h2>
          <p className="mb-4 text-lg">
            {audience.sendable.toLocaleString("en-GB")} of the {audience.subscribed.toLocaleString("en-GB")} subscribed
            addresses will be sent to
            {audience.sendable < audience.subscribed
              ? "; the rest are on your suppression list (bounced or complained before)."
              : "."}
          </p>
          <p className="mb-4 text-lg">
            <Link href={`/services/${serviceId}/campaigns/${campaignId}/preview`}>Preview the email</Link>
          </p>
          <SendTestForm submit={sendTestAction.bind(null, serviceId, campaignId)} />
          <SendForm submit={sendCampaignAction.bind(null, serviceId, campaignId)} sendable={audience.sendable} />
        </section>
      )}

      {(started || campaign.status !== "draft") && (
        <section aria-labelledby="progress-heading" className="mb-10">
          <h2 id="progress-heading" className="mb-4 text-2xl font-bold">
            Progress
          </h2>
          <label htmlFor="campaign-progress" className="block text-lg">
            {counts.sent.toLocaleString("en-GB")} of {recipients.toLocaleString("en-GB")} sent
          </label>
          <progress
            id="campaign-progress"
            className="mb-4 h-6 w-full max-w-2xl"
            max={Math.max(recipients, 1)}
            value={counts.sent}
          />
          {campaign.status === "sending" && (
            <p className="mb-4 text-lg">
              Sending {Math.round(counts.ratePerSecond).toLocaleString("en-GB")} a second
              {finish && (
                <>
                  ; should finish at about <DateTime value={finish} precision="second" /> UTC
                </>
              )}
              .
            </p>
          )}
          <dl className="mb-6 grid max-w-2xl grid-cols-2 gap-4 sm:grid-cols-4" aria-live="polite">
            {(
              [
                ["Queued", counts.queued],
                ["Sent", counts.sent],
                ["Delivered", counts.delivered],
                ["Bounced", counts.bounced],
                ["Complained", counts.complained],
                ["Opened", counts.opened],
                ["Clicked", counts.clicked],
                ["Unsubscribed", counts.unsubscribed],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="border-t-4 border-brand bg-gray-50 p-3">
                <dt>{label}</dt>
                <dd className="text-2xl font-bold">{value.toLocaleString("en-GB")}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <div className="mb-10 flex flex-wrap gap-4">
        {(campaign.status === "sending" || campaign.status === "scheduled") && button("pause", "Pause")}
        {campaign.status === "paused" && button("resume", "Resume", "primary")}
        {["scheduled", "sending", "paused"].includes(campaign.status) &&
          button("cancel", "Cancel the campaign", "warning")}
        {button("duplicate", "Duplicate")}
        {["draft", "cancelled", "completed"].includes(campaign.status) &&
          !campaign.archivedAt &&
          button("archive", "Archive")}
      </div>

      {started && (
        <Report campaignId={campaignId} serviceId={serviceId} rates={rates} tracked={campaign.trackEngagement} />
      )}
    </>
  );
}

async function Report({
  campaignId,
  serviceId,
  rates,
  tracked,
}: {
  campaignId: string;
  serviceId: string;
  rates: ReturnType<typeof campaignRates>;
  tracked: boolean;
}) {
  const [timeline, links, problems] = await Promise.all([
    campaignTimeline(campaignId),
    topLinks(campaignId),
    problemRecipients(campaignId, 50),
  ]);
  const settings = config();
  const thresholds = [
    { label: "Bounce rate", value: rates.bounced, limit: 5, pauseAt: settings.CAMPAIGN_AUTO_PAUSE_BOUNCE_PERCENT },
    {
      label: "Complaint rate",
      value: rates.complained,
      limit: 0.1,
      pauseAt: settings.CAMPAIGN_AUTO_PAUSE_COMPLAINT_PERCENT,
    },
  ];
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading" className="mb-4 text-2xl font-bold">
        Report
      </h2>
      <p className="mb-4 text-lg">
        <a href={`/services/${serviceId}/campaigns/${campaignId}/export`}>Download every recipient’s outcome as CSV</a>
      </p>
      <Table
        caption="Rates against AWS’s thresholds"
        className="mb-8 max-w-2xl"
        rows={thresholds}
        rowKey={(row) => row.label}
        empty={null}
        columns={[
          { header: "Rate", cell: (row) => row.label },
          {
            header: "This campaign",
            cell: (row) => (
              <span className={row.value !== null && row.value > row.limit ? "font-bold text-error" : ""}>
                {percent(row.value)}
              </span>
            ),
            numeric: true,
          },
          { header: "AWS reviews the account at", cell: (row) => percent(row.limit), numeric: true },
          { header: "Campaign pauses itself at", cell: (row) => percent(row.pauseAt), numeric: true },
        ]}
      />
      <p className="mb-6 text-lg">
        Delivered: {percent(rates.delivered)} of those sent.
        {tracked
          ? ` Opened: ${percent(rates.opened)}, clicked: ${percent(rates.clicked)} of those delivered.`
          : " Opens and clicks were not tracked."}{" "}
        Unsubscribed: {percent(rates.unsubscribed)}.
      </p>
      <CampaignTimelineChart buckets={timeline.buckets} stepMinutes={timeline.stepSeconds / 60} />
      {tracked && (
        <Table
          caption="Links clicked most"
          className="mb-8 max-w-3xl"
          rows={links}
          rowKey={(row) => row.link}
          empty="Nobody has clicked a link yet."
          columns={[
            { header: "Link", cell: (row) => row.link, className: "break-all" },
            { header: "Clicks", cell: (row) => row.clicks, numeric: true },
          ]}
        />
      )}
      <Table
        caption="Bounced and complained recipients"
        className="mb-8"
        rows={problems}
        rowKey={(row) => `${row.problem}:${row.email}`}
        empty="Nobody has bounced or complained."
        columns={[
          { header: "Email address", cell: (row) => row.email, className: "break-all" },
          { header: "What happened", cell: (row) => (row.problem === "bounced" ? "Bounced" : "Complained") },
          {
            header: "When (UTC)",
            cell: (row) => (row.at ? <DateTime value={row.at} /> : ""),
            className: "whitespace-nowrap",
          },
          { header: "Detail", cell: (row) => row.detail ?? "" },
        ]}
      />
    </section>
  );
}
