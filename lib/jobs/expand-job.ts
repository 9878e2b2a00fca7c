import "server-only";
import { escapeLiteral } from "pg";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { recipientFileSource } from "@/lib/recipient-files/recipient-source";
import { SENDING_SERVICE_FIELDS } from "@/lib/services/sending-service";
import { findTemplateVersion } from "@/lib/templates/queries";
import { expandRows, type BatchRow } from "./expand-rows";

/** What a row refused by the statement that stores its batch was refused for: the only refusal there. */
const SUPPRESSED_WHILE_STORING = "Can’t send to this recipient: it is on the service’s suppression list.";

/**
 * Works one job (the worker's expand-job queue): moves it to `in progress` and expands its file's
 * rows into notifications from its resume point, then marks it `finished`. Run again after a crash
 * (pg-boss retries a job whose worker stopped beating its heartbeat) it carries on after the last
 * row stored; a cancelled or finished job is left alone.
 */
export async function expandJob(
  jobId: string,
  options: { batchSize?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const started = await db.job.updateMany({
    where: {
      id: jobId,
      status: { in: ["scheduled", "pending", "in_progress"] },
      OR: [{ scheduledFor: null }, { scheduledFor: { lte: new Date(Date.now() + 60_000) } }],
    },
    data: { status: "in_progress" },
  });
  if (started.count === 0) return;
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId }, include: { file: true } });
  if (!job.startedAt) await db.job.update({ where: { id: jobId }, data: { startedAt: new Date() } });
  const [service, template] = await Promise.all([
    db.service.findUniqueOrThrow({ where: { id: job.serviceId }, select: SENDING_SERVICE_FIELDS }),
    findTemplateVersion(job.serviceId, job.templateId, job.templateVersion),
  ]);
  if (!template) return void (await failJob(jobId, "error", "The template no longer exists"));

  const id = escapeLiteral(job.id);
  try {
    const outcome = await expandRows(recipientFileSource(job.file), job.resumeAfterRow, {
      service,
      template,
      type: job.type,
      keyType: job.keyType,
      apiKeyId: job.apiKeyId,
      createdById: job.createdById,
      clientReference: job.clientReference,
      senderId: job.senderId,
      tag: (row) => ({ jobId: job.id, jobRowNumber: row.rowNumber }),
      // Rows of the batch not stored were refused; a batch that a parallel run already stored changes nothing.
      resumeStatement: ({ firstRow, lastRow, rows }) => `
        UPDATE jobs SET resume_after_row = GREATEST(resume_after_row, ${lastRow}), updated_at = now(),
          rows_refused = rows_refused + CASE WHEN resume_after_row < ${firstRow} THEN ${rows} - (
            SELECT count(*) FROM notifications WHERE job_id = ${id} AND job_row_number BETWEEN ${firstRow} AND ${lastRow}) ELSE 0 END
        WHERE id = ${id}`,
      refusedStatement: (rows) => refusedRowsStatement(job.id, rows),
      shouldStop: () => options.signal?.aborted ?? false,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    });
    if (outcome === "stopped") return;
  } catch (error) {
    if (isAppError(error, "daily_limit"))
      return void (await failJob(jobId, "sending_limits_exceeded", "The service reached its daily limit"));
    // Nothing a retry would change (the chosen sender was deleted, say): the job stops, saying why.
    if (isAppError(error)) return void (await failJob(jobId, "error", error.message));
    throw error;
  }
  await db.job.updateMany({
    where: { id: jobId, status: "in_progress" },
    data: { status: "finished", finishedAt: new Date() },
  });
  log.info({ jobId, rows: job.rowCount }, "job expanded");
}

async function failJob(jobId: string, status: "error" | "sending_limits_exceeded", message: string) {
  await db.job.updateMany({
    where: { id: jobId, status: "in_progress" },
    data: { status, errorMessage: message, finishedAt: new Date() },
  });
}

/**
 * Records the batch's refused rows for the job's report: those refused before storing with their
 * reason, and those the store refused (no notification for their row) as suppressed. A batch a
 * parallel run already recorded changes nothing.
 */
function refusedRowsStatement(jobId: string, rows: BatchRow[]): string {
  const array = (values: string[], type: string) => `ARRAY[${values.join(",")}]::${type}[]`;
  const id = escapeLiteral(jobId);
  return `
    INSERT INTO job_refused_rows (job_id, row_number, recipient, reason)
    SELECT ${id}, r.row_number, r.recipient, COALESCE(r.reason, ${escapeLiteral(SUPPRESSED_WHILE_STORING)})
    FROM unnest(
      ${array(
        rows.map((row) => String(row.rowNumber)),
        "int",
      )},
      ${array(
        rows.map((row) => escapeLiteral(row.recipient)),
        "text",
      )},
      ${array(
        rows.map((row) => (row.reason === null ? "NULL" : escapeLiteral(row.reason))),
        "text",
      )}
    ) AS r(row_number, recipient, reason)
    WHERE r.reason IS NOT NULL
      OR NOT EXISTS (SELECT 1 FROM notifications WHERE job_id = ${id} AND job_row_number = r.row_number)
    ON CONFLICT (job_id, row_number) DO NOTHING`;
}
