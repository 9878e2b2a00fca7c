import { serviceRouteAccess } from "@/lib/http/service-route-access";
import { recentDashboardSummary } from "@/lib/notifications/dashboard";

// GET /services/{id}/dashboard-summary – the dashboard's figures, polled while messages are sending.
export async function GET(_request: Request, { params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  const access = await serviceRouteAccess(serviceId, "view_activity");
  if (!access.ok) return access.response;
  return Response.json(await recentDashboardSummary(serviceId), { headers: { "Cache-Control": "no-store" } });
}
