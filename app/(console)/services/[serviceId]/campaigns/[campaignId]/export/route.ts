import { formatDateTime } from "@/components/ui/date-time";
import { campaignCsv } from "@/lib/campaigns/campaign-csv";
import { findCampaign } from "@/lib/campaigns/queries";
import { serviceRouteAccess } from "@/lib/http/service-route-access";
import { csvDownload } from "@/lib/http/csv-download";

// GET /services/{id}/campaigns/{campaignId}/export – every recipient's outcome as CSV.
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ serviceId: string; campaignId: string }> },
) {
  const { serviceId, campaignId } = await params;
  const access = await serviceRouteAccess(serviceId, "send_messages");
  if (!access.ok) return access.response;
  const campaign = await findCampaign(serviceId, campaignId).catch(() => null);
  if (!campaign) return new Response("Campaign not found", { status: 404 });
  return csvDownload(campaignCsv(campaignId), `campaign-${formatDateTime(new Date(), "day")}.csv`);
}
