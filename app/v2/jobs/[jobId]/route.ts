import { notFound } from "@/lib/errors";
import { findJob } from "@/lib/jobs/queries";
import { jobIdParams } from "@/lib/v2/params";
import { v2Route } from "@/lib/v2/route";
import { jobResponse } from "@/lib/v2/schemas";
import { jobJson } from "@/lib/v2/serializers";

// GET /v2/jobs/{id} – a job's status and counts (our addition; GOV.UK Notify's v2 API has no jobs).
export const GET = v2Route(
  {
    docs: {
      operationId: "getJob",
      summary: "Get a job's status and counts",
      description:
        "Our addition (neither GOV.UK Notify nor Canada's fork has it in v2): a job sent with POST /v2/notifications/bulk or uploaded in the console, its status and its notifications counted by status.",
      response: { status: 200, description: "The job", schema: jobResponse },
      pathParams: { jobId: { description: "The id returned when the job was created", type: "uuid" } },
      canBeNotFound: true,
    },
    params: jobIdParams,
  },
  async ({ caller, params }) => {
    const job = await findJob(caller.service.id, params.job_id);
    if (!job) throw notFound("Job");
    return Response.json(jobJson(job));
  },
);
