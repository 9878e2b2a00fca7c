import { yearFrom } from "@/components/usage/year-links";
import { getCurrentUser } from "@/lib/http/session";
import { financialYearOf, platformUsage, platformUsageCsv } from "@/lib/usage/usage";

// GET /admin/usage/export?year=2026 – every service's usage in the financial year, for platform admins.
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in first", { status: 401 });
  if (!user.isPlatformAdmin) return new Response("Forbidden", { status: 403 });
  const year = yearFrom(new URL(request.url).searchParams.get("year") ?? undefined, financialYearOf(new Date()));
  return new Response(platformUsageCsv(await platformUsage(year)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="usage-all-services-${year}-${year + 1}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
