import "server-only";
import { Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { v7 as uuidv7 } from "uuid";
import { db, isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { KeyType } from "@/lib/generated/prisma/enums";
import { findIdempotentResponse } from "@/lib/notifications/idempotency";
import { resolveSenders } from "@/lib/notifications/send-notification";
import { checkRecipientRows, MAX_FILE_BYTES, type FileCheck } from "@/lib/recipient-files/check-rows";
import { readSpreadsheetRows } from "@/lib/recipient-files/read-spreadsheet";
import { recipientFileKey } from "@/lib/recipient-files/upload-recipient-file";
import type { SendingService } from "@/lib/services/sending-service";
import { deleteObject, putObject } from "@/lib/storage/s3";
import { findCurrentTemplate } from "@/lib/templates/queries";
import { insertJob } from "./create-job";
import { findJob, type JobWithCounts } from "./queries";

export type BulkRequest = {
  name: string;
  templateId: string;
  /** The rows, header first, as one CSV text. */
  csv: string;
  reference: string | null;
  scheduledFor: Date | null;
  senderId: string | null;
};

export type BulkCaller = { service: SendingService; keyType: KeyType; apiKeyId: string };

/** The rows of `rows` (an array of arrays, header first) as CSV text. */
export const rowsAsCsv = (rows: string[][]): string => stringify(rows);

/**
 * POST /v2/notifications/bulk (the shape of Canada's Notify fork): checks every row by the console's
 * rules, synchronously, and refuses the whole request with every error listed (file-wide errors,
 * then each row in error with its column); otherwise stores the rows in S3 as the job's file and
 * creates the job (now, or at `scheduledFor`) in one transaction with the Idempotency-Key's record.
 */
export async function acceptBulkJob(
  caller: BulkCaller,
  request: BulkRequest,
  idempotency?: {
    key: string;
    requestHash: string;
    respond: (job: JobWithCounts) => { statusCode: number; body: unknown };
  },
): Promise<
  { job: JobWithCounts; replayed?: never } | { replayed: { statusCode: number; body: unknown }; job?: never }
> {
  const { service } = caller;
  if (idempotency) {
    const replayed = await findIdempotentResponse(service.id, idempotency);
    if (replayed) return { replayed };
  }
  const template = await findCurrentTemplate(service.id, request.templateId);
  if (!template) throw new AppError("bad_request", "Template not found");
  if (template.archived) throw new AppError("bad_request", "Template has been deleted");
  await resolveSenders(service.id, {
    type: template.type,
    ...(template.type === "email" ? { emailReplyToId: request.senderId } : { smsSenderId: request.senderId }),
  });
  const csv = Buffer.from(request.csv);
  const check = await checkRecipientRows(
    { service, type: template.type, template, keyType: caller.keyType },
    readSpreadsheetRows(Readable.from([csv]), "csv", MAX_FILE_BYTES),
  );
  refuseErrors(check);

  const fileId = uuidv7();
  const fileName = `${request.name.replace(/[^\w .-]/g, "_")}.csv`;
  const objectKey = recipientFileKey(service.id, fileId, fileName);
  await putObject({ bucket: "uploads", key: objectKey, body: csv, contentType: "text/csv" });
  try {
    const jobId = await db.$transaction(async (tx) => {
      await tx.recipientFile.create({
        data: {
          id: fileId,
          serviceId: service.id,
          templateId: template.templateId,
          type: template.type,
          bucket: "uploads",
          objectKey,
          originalName: fileName,
          sizeBytes: csv.length,
          status: "valid",
          rowsChecked: check.rowCount,
          rowCount: check.rowCount,
          columns: check.columns,
          recipientColumn: check.recipientColumn,
          checkedAt: new Date(),
        },
      });
      const id = await insertJob(tx, {
        serviceId: service.id,
        fileId,
        name: request.name,
        scheduledFor: request.scheduledFor,
        senderId: request.senderId,
        clientReference: request.reference,
        keyType: caller.keyType,
        apiKeyId: caller.apiKeyId,
      });
      if (idempotency) {
        const job = await tx.job.findUniqueOrThrow({ where: { id } });
        const { statusCode, body } = idempotency.respond({ ...job, counts: {} });
        await tx.apiIdempotencyKey.create({
          data: {
            serviceId: service.id,
            key: idempotency.key,
            requestHash: idempotency.requestHash,
            statusCode,
            responseBody: body as object,
          },
        });
      }
      return id;
    });
    return { job: (await findJob(service.id, jobId))! };
  } catch (error) {
    await deleteObject("uploads", objectKey);
    // The same Idempotency-Key sent twice at once: the first committed, so answer as it did.
    if (idempotency && isUniqueViolation(error)) {
      const replayed = await findIdempotentResponse(service.id, idempotency);
      if (replayed) return { replayed };
    }
    throw error;
  }
}

/** Every error of a check as the API's error entries: one per file-wide problem, one per row in error. */
function refuseErrors(check: FileCheck): void {
  if (check.fileErrors.length === 0 && check.errorRowCount === 0) return;
  const messages = [
    ...check.fileErrors,
    ...check.rowsInError.map((row) => {
      const cells = row.cellErrors.flatMap((reason, index) => (reason ? [`${check.columns[index]}: ${reason}`] : []));
      return `Row ${row.rowNumber} – ${[...cells, ...(row.rowError ? [row.rowError] : [])].join("; ")}`;
    }),
  ];
  // The first rows in error are listed (as in the console); the rest are counted.
  if (check.errorRowCount > check.rowsInError.length)
    messages.push(`${check.errorRowCount - check.rowsInError.length} more rows have errors`);
  throw new AppError(
    "validation",
    messages[0]!,
    Object.fromEntries(messages.map((message, index) => [`error-${index}`, message])),
  );
}
