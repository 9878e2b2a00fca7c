import { serviceRouteAccess } from "@/lib/http/service-route-access";
import { jobReportCsv } from "@/lib/jobs/job-report";
import { findJobWithFile } from "@/lib/jobs/queries";
import { csvDownload } from "@/lib/http/csv-download";

// GET /services/{id}/jobs/{jobId}/report – every row's outcome as CSV.
export async function GET(_request: Request, { params }: { params: Promise<{ serviceId: string; jobId: string }> }) {
  const { serviceId, jobId } = await params;
  const access = await serviceRouteAccess(serviceId, "send_messages");
  if (!access.ok) return access.response;
  const job = await findJobWithFile(serviceId, jobId);
  if (!job) return new Response("Not found", { status: 404 });
  return csvDownload(jobReportCsv(serviceId, job), `report-${job.name.replace(/[^\w.-]+/g, "_")}.csv`);
}
