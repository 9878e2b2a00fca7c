import { AppError } from "@/lib/errors";
import { acceptBulkJob, rowsAsCsv } from "@/lib/jobs/accept-bulk-job";
import { v2Route } from "@/lib/v2/route";
import { postBulkRequest, jobResponse } from "@/lib/v2/schemas";
import { idempotencyKeyOf, parseScheduledFor, replayedResponse } from "@/lib/v2/send";
import { jobJson } from "@/lib/v2/serializers";

// POST /v2/notifications/bulk – send a template to many recipients as one job (Canada's Notify fork's endpoint).
export const POST = v2Route(
  {
    docs: {
      operationId: "sendBulk",
      summary: "Send to many recipients (a job)",
      description:
        "Our addition in the shape of Canada's fork of Notify: every row is checked as the console checks an uploaded file, and any error refuses the whole request, with each row in error listed. Otherwise the rows become a job, sent now or at `scheduled_for`; follow it with GET /v2/jobs/{jobId}.",
      response: { status: 201, description: "The job", schema: jobResponse },
      idempotent: true,
    },
    body: postBulkRequest,
    maxBodyBytes: 20 * 1024 * 1024,
  },
  async ({ caller, body, request, rawBody }) => {
    if ((body.rows === undefined) === (body.csv === undefined))
      throw new AppError("validation", "Give either rows or csv", { rows: "Give either rows or csv" });
    const key = idempotencyKeyOf(request, rawBody);
    const result = await acceptBulkJob(
      { service: caller.service, keyType: caller.apiKey.keyType, apiKeyId: caller.apiKey.id },
      {
        name: body.name,
        templateId: body.template_id,
        csv: body.csv ?? rowsAsCsv(body.rows!),
        reference: body.reference ?? null,
        scheduledFor: parseScheduledFor(body.scheduled_for),
        senderId: body.reply_to_id ?? null,
      },
      key ? { ...key, respond: (job) => ({ statusCode: 201, body: jobJson(job) }) } : undefined,
    );
    if (result.replayed) return replayedResponse(result.replayed);
    return Response.json(jobJson(result.job), { status: 201 });
  },
);
