import { yearFrom } from "@/components/usage/year-links";
import { platformRouteAccess } from "@/lib/http/service-route-access";
import { financialYearOf, platformUsage, platformUsageCsv } from "@/lib/usage/usage";
import { csvDownload } from "@/lib/http/csv-download";

// GET /admin/usage/export?year=2026 – every service's usage in the financial year, for platform admins.
export async function GET(request: Request) {
  const access = await platformRouteAccess();
  if (!access.ok) return access.response;
  const year = yearFrom(new URL(request.url).searchParams.get("year") ?? undefined, financialYearOf(new Date()));
  return csvDownload(platformUsageCsv(await platformUsage(year)), `usage-all-services-${year}-${year + 1}.csv`);
}
