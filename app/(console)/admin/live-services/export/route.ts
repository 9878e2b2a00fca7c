import { platformRouteAccess } from "@/lib/http/service-route-access";
import { liveServicesCsv, liveServicesReport } from "@/lib/usage/live-services";
import { financialYearOf } from "@/lib/usage/usage";
import { csvDownload } from "@/lib/http/csv-download";

// GET /admin/live-services/export – the live services report, with this financial year's figures, for platform admins.
export async function GET() {
  const access = await platformRouteAccess();
  if (!access.ok) return access.response;
  const year = financialYearOf(new Date());
  return csvDownload(liveServicesCsv(await liveServicesReport(year), year), `live-services-${year}-${year + 1}.csv`);
}
