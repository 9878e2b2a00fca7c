import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { Notice } from "@/components/ui/notice";
import { Table } from "@/components/ui/table";
import { campaignCounts, campaignRates } from "@/lib/campaigns/campaign-progress";
import { listCampaigns } from "@/lib/campaigns/queries";
import { requireServiceAccess } from "@/lib/http/session";
import { CAMPAIGN_STATUS_LABELS, percent } from "./campaign-labels";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ archived?: string; done?: string }>;
}) {
  const { serviceId } = await params;
  const query = await searchParams;
  await requireServiceAccess(serviceId, "send_messages");
  const archived = query.archived === "yes";
  const campaigns = await listCampaigns(serviceId, { archived });
  const rows = await Promise.all(
    campaigns.map(async (campaign) => {
      const counts = await campaignCounts(campaign.id);
      return { ...campaign, counts, rates: campaignRates(counts) };
    }),
  );
  const base = `/services/${serviceId}/campaigns`;
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">{archived ? "Archived campaigns" : "Campaigns"}</h1>
      {query.done === "archived" && <Notice>The campaign was archived.</Notice>}
      <p className="mb-6 text-lg">
        Emails to your mailing lists, each person once.{" "}
        {archived ? (
          <Link href={base}>See current campaigns</Link>
        ) : (
          <Link href={`${base}?archived=yes`}>See archived campaigns</Link>
        )}
      </p>
      {!archived && (
        <p className="mb-8">
          <Link
            href={`${base}/new`}
            className="inline-block bg-success px-4 py-2 text-lg font-bold text-white no-underline shadow-[0_2px_0_#002d18]"
          >
            Create a campaign
          </Link>
        </p>
      )}
      <Table
        caption="Campaigns"
        hideCaption
        rows={rows}
        rowKey={(row) => row.id}
        empty={archived ? "No archived campaigns." : "No campaigns yet. Create one to email a mailing list."}
        columns={[
          { header: "Campaign", cell: (row) => <Link href={`${base}/${row.id}`}>{row.name}</Link> },
          { header: "Status", cell: (row) => CAMPAIGN_STATUS_LABELS[row.status] },
          {
            header: "Started",
            cell: (row) =>
              row.startedAt ? (
                <DateTime value={row.startedAt} />
              ) : row.scheduledFor ? (
                <>
                  for <DateTime value={row.scheduledFor} />
                </>
              ) : (
                "–"
              ),
            className: "whitespace-nowrap",
          },
          { header: "Sent", cell: (row) => row.counts.sent.toLocaleString("en-GB"), numeric: true },
          { header: "Delivered", cell: (row) => percent(row.rates.delivered), numeric: true },
          { header: "Bounced", cell: (row) => percent(row.rates.bounced), numeric: true },
          { header: "Complaints", cell: (row) => percent(row.rates.complained), numeric: true },
          {
            header: "Opened",
            cell: (row) => (row.trackEngagement ? percent(row.rates.opened) : "not tracked"),
            numeric: true,
          },
          {
            header: "Clicked",
            cell: (row) => (row.trackEngagement ? percent(row.rates.clicked) : "not tracked"),
            numeric: true,
          },
          { header: "Unsubscribed", cell: (row) => row.counts.unsubscribed.toLocaleString("en-GB"), numeric: true },
        ]}
      />
    </>
  );
}
