import { serviceRouteAccess } from "@/lib/http/service-route-access";
import { activityFilters } from "@/lib/notifications/activity";
import { activityCsv } from "@/lib/notifications/activity-csv";
import { formatDateTime } from "@/components/ui/date-time";
import { csvDownload } from "@/lib/http/csv-download";

// GET /services/{id}/activity/export – the activity page's filtered list as CSV.
export async function GET(request: Request, { params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  const access = await serviceRouteAccess(serviceId, "view_activity");
  if (!access.ok) return access.response;
  const filters = activityFilters.parse(Object.fromEntries(new URL(request.url).searchParams));
  return csvDownload(activityCsv(serviceId, filters), `activity-${formatDateTime(new Date(), "day")}.csv`);
}
