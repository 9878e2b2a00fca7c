import { yearFrom } from "@/components/usage/year-links";
import { platformRouteAccess } from "@/lib/http/service-route-access";
import { financialYearOf, platformMonthlyUsage, platformMonthlyUsageCsv } from "@/lib/usage/usage";
import { csvDownload } from "@/lib/http/csv-download";

// GET /admin/usage/by-month/export?year=2026 – messages by service per month in the financial year, for platform admins.
export async function GET(request: Request) {
  const access = await platformRouteAccess();
  if (!access.ok) return access.response;
  const year = yearFrom(new URL(request.url).searchParams.get("year") ?? undefined, financialYearOf(new Date()));
  return csvDownload(
    platformMonthlyUsageCsv(await platformMonthlyUsage(year)),
    `usage-by-month-${year}-${year + 1}.csv`,
  );
}
