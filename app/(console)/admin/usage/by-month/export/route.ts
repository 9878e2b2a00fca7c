import { yearFrom } from "@/components/usage/year-links";
import { getCurrentUser } from "@/lib/http/session";
import { financialYearOf, platformMonthlyUsage, platformMonthlyUsageCsv } from "@/lib/usage/usage";

// GET /admin/usage/by-month/export?year=2026 – messages by service per month in the financial year, for platform admins.
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in first", { status: 401 });
  if (!user.isPlatformAdmin) return new Response("Forbidden", { status: 403 });
  const year = yearFrom(new URL(request.url).searchParams.get("year") ?? undefined, financialYearOf(new Date()));
  return new Response(platformMonthlyUsageCsv(await platformMonthlyUsage(year)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="usage-by-month-${year}-${year + 1}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
