import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { SENDING_SERVICE_FIELDS } from "@/lib/services/sending-service";
import { replaceMetadata, type Bucket } from "@/lib/storage/s3";
import { findCurrentTemplate } from "@/lib/templates/queries";
import { checkRecipientRows, type FileCheck } from "./check-rows";
import { formatOfFileName } from "./read-spreadsheet";
import { everyFewMoments, storedRows } from "./stored-rows";

/**
 * Checks an uploaded file in the worker (the check-recipient-file queue): streams it from S3, checks
 * every row, writes the progress as it goes and the result when done, in the database and, as
 * Notify does, in the object's S3 metadata (`valid`, `row-count`, `template-id`).
 */
export async function checkStoredRecipientFile(fileId: string): Promise<void> {
  const file = await db.recipientFile.findUnique({ where: { id: fileId } });
  if (!file || file.status !== "checking") return;
  const [service, template] = await Promise.all([
    db.service.findUniqueOrThrow({ where: { id: file.serviceId }, select: SENDING_SERVICE_FIELDS }),
    file.templateId ? findCurrentTemplate(file.serviceId, file.templateId) : null,
  ]);
  let result: FileCheck;
  const format = formatOfFileName(file.originalName);
  if (!format || (file.templateId && (!template || template.archived))) {
    result = emptyCheck(format ? "The template has been deleted." : "The file is not a spreadsheet.");
  } else {
    const stored = await storedRows(file.bucket as Bucket, file.objectKey, format);
    result = await checkRecipientRows(
      { service, type: file.type, template },
      stored.rows,
      everyFewMoments(async (rowsChecked: number) => {
        await db.recipientFile.update({
          where: { id: fileId },
          data: { rowsChecked, bytesChecked: stored.bytesRead() },
        });
      }),
    );
  }
  await saveCheck(fileId, result);
  await replaceMetadata(file.bucket as Bucket, file.objectKey, {
    valid: String(isValid(result)),
    "row-count": String(result.rowCount),
    ...(file.templateId ? { "template-id": file.templateId } : {}),
    "file-id": file.id,
  }).catch((error: unknown) => log.warn({ err: error, fileId }, "could not write the check result to S3 metadata"));
}

/**
 * The check failed for a reason of Tidings' own (S3 unreachable, say) and will not be tried again:
 * the file is refused with a message saying so, rather than left "checking" for ever.
 */
export async function recordCheckFailure(fileId: string): Promise<void> {
  const file = await db.recipientFile.findUnique({ where: { id: fileId }, select: { status: true } });
  if (file?.status !== "checking") return;
  await saveCheck(fileId, emptyCheck("Tidings could not read the file. Upload it again; if that fails too, tell us."));
}

const isValid = (check: FileCheck) => check.fileErrors.length === 0 && check.errorRowCount === 0;

const emptyCheck = (fileError: string): FileCheck => ({
  columns: [],
  recipientColumn: null,
  rowCount: 0,
  fileErrors: [fileError],
  rowsInError: [],
  errorRowCount: 0,
  previewRows: [],
});

/** Records a check's result on the file's row. */
async function saveCheck(fileId: string, result: FileCheck): Promise<void> {
  await db.recipientFile.update({
    where: { id: fileId },
    data: {
      status: isValid(result) ? "valid" : "invalid",
      rowsChecked: result.rowCount,
      bytesChecked: 0,
      rowCount: result.rowCount,
      columns: result.columns,
      recipientColumn: result.recipientColumn,
      fileErrors: result.fileErrors,
      rowErrors: result.rowsInError as unknown as Prisma.InputJsonArray,
      errorRowCount: result.errorRowCount,
      previewRows: result.previewRows as unknown as Prisma.InputJsonArray,
      checkedAt: new Date(),
    },
  });
}
