import { yearFrom } from "@/components/usage/year-links";
import { serviceRouteAccess } from "@/lib/http/service-route-access";
import { financialYearOf, serviceUsage, serviceUsageCsv } from "@/lib/usage/usage";

// GET /services/{id}/usage/export?year=2026 – the usage page's financial year as CSV.
export async function GET(request: Request, { params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  const access = await serviceRouteAccess(serviceId, "view_activity");
  if (!access.ok) return access.response;
  const year = yearFrom(new URL(request.url).searchParams.get("year") ?? undefined, financialYearOf(new Date()));
  return new Response(serviceUsageCsv(await serviceUsage(serviceId, year)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="usage-${year}-${year + 1}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
