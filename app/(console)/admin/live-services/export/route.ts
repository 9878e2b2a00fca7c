import { getCurrentUser } from "@/lib/http/session";
import { liveServicesCsv, liveServicesReport } from "@/lib/usage/live-services";
import { financialYearOf } from "@/lib/usage/usage";

// GET /admin/live-services/export – the live services report, with this financial year's figures, for platform admins.
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in first", { status: 401 });
  if (!user.isPlatformAdmin) return new Response("Forbidden", { status: 403 });
  const year = financialYearOf(new Date());
  return new Response(liveServicesCsv(await liveServicesReport(year), year), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="live-services-${year}-${year + 1}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
