import { formatDateTime } from "@/components/ui/date-time";
import { serviceRouteAccess } from "@/lib/http/service-route-access";
import { receivedTextsCsv } from "@/lib/inbound-sms/conversations";
import { csvDownload } from "@/lib/http/csv-download";

// GET /services/{id}/inbox/export – every text the service received, as CSV.
export async function GET(_request: Request, { params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  const access = await serviceRouteAccess(serviceId, "view_activity");
  if (!access.ok) return access.response;
  return csvDownload(await receivedTextsCsv(serviceId), `received-texts-${formatDateTime(new Date(), "day")}.csv`);
}
