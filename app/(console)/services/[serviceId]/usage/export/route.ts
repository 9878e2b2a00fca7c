import { yearFrom } from "@/components/usage/year-links";
import { serviceRouteAccess } from "@/lib/http/service-route-access";
import { financialYearOf, serviceUsage, serviceUsageCsv } from "@/lib/usage/usage";
import { csvDownload } from "@/lib/http/csv-download";

// GET /services/{id}/usage/export?year=2026 – the usage page's financial year as CSV.
export async function GET(request: Request, { params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  const access = await serviceRouteAccess(serviceId, "view_activity");
  if (!access.ok) return access.response;
  const year = yearFrom(new URL(request.url).searchParams.get("year") ?? undefined, financialYearOf(new Date()));
  return csvDownload(serviceUsageCsv(await serviceUsage(serviceId, year)), `usage-${year}-${year + 1}.csv`);
}
