import { formatDateTime } from "@/components/ui/date-time";
import { serviceRouteAccess } from "@/lib/http/service-route-access";
import { findMailingList } from "@/lib/mailing-lists/queries";
import { subscribersCsv } from "@/lib/mailing-lists/subscribers-csv";
import { csvDownload } from "@/lib/http/csv-download";

// GET /services/{id}/lists/{listId}/export – the list's subscribers as CSV.
export async function GET(_request: Request, { params }: { params: Promise<{ serviceId: string; listId: string }> }) {
  const { serviceId, listId } = await params;
  const access = await serviceRouteAccess(serviceId, "send_messages");
  if (!access.ok) return access.response;
  const list = await findMailingList(serviceId, listId).catch(() => null);
  if (!list) return new Response("Mailing list not found", { status: 404 });
  return csvDownload(await subscribersCsv(serviceId, listId), `mailing-list-${formatDateTime(new Date(), "day")}.csv`);
}
