import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { MAX_ROWS } from "@/lib/recipient-files/check-rows";
import { formatOfFileName } from "@/lib/recipient-files/read-spreadsheet";
import { SpreadsheetError } from "@/lib/recipient-files/spreadsheet-error";
import { inBatches } from "@/lib/recipient-files/recipient-source";
import { storedRows } from "@/lib/recipient-files/stored-rows";
import { deleteObject, objectInfo, type Bucket } from "@/lib/storage/s3";
import { isEmailColumn, isExportHeader, parseExportedRow, parseSubscriberRow } from "./parse-subscriber";
import { storeSubscribers, type SubscriberRow } from "./store-subscribers";

/** Rows stored together: one upsert each. */
const BATCH = 1000;
/** Rows not imported that the report lists one by one; beyond these it counts them. */
const INVALID_ROWS_KEPT = 1000;

export type InvalidRow = { row: number; message: string };

/** What makes a whole file unusable: said on the import's page, in words. */
class ImportRefused extends Error {}

/**
 * Reads an import's spreadsheet from S3 into its list, in the worker (the import-subscribers
 * queue): streamed, a batch of rows at a time, writing how far it has got for the import's
 * progress bar, and the report when done: how many were new, how many updated (by address, never
 * resubscribing anyone who unsubscribed, bounced or complained), and which rows were not valid and
 * why. An uploaded file is deleted once read; a contact list's file stays. Each batch is stored in
 * one transaction with the report so far and the row it reached, so a reading tried again after a
 * crash carries on from there: nobody is stored or counted twice.
 */
export async function readSubscriberImport(importId: string): Promise<void> {
  const started = await db.subscriberImport.findUnique({ where: { id: importId } });
  if (!started || started.status !== "importing") return;
  // Rows up to this one were stored, and counted in the report, by an earlier try.
  const resumeAfter = started.storedThroughRow;
  const report =
    resumeAfter > 0
      ? {
          added: started.added,
          updated: started.updated,
          invalidCount: started.invalidCount,
          invalidRows: started.invalidRows as InvalidRow[],
          rowsRead: started.rowsRead,
        }
      : { added: 0, updated: 0, invalidCount: 0, invalidRows: [] as InvalidRow[], rowsRead: 0 };
  try {
    const format = formatOfFileName(started.originalName);
    if (!format) throw new ImportRefused("The file is not a spreadsheet. Upload a CSV, TSV, XLSX or ODS file.");
    // A contact list deleted since it was chosen takes its file with it.
    if (!(await objectInfo(started.bucket as Bucket, started.objectKey)))
      throw new ImportRefused("The file is no longer stored: it was deleted before it could be read.");
    const { rows, bytesRead } = await storedRows(started.bucket as Bucket, started.objectKey, format);
    let header: string[] | null = null;
    let parseRow = parseSubscriberRow;
    let rowNumber = 0;
    for await (const batch of inBatches(rows, BATCH)) {
      const valid: SubscriberRow[] = [];
      for (const cells of batch) {
        rowNumber++;
        if (!header) {
          header = cells.map((cell) => cell.trim());
          if (!header.some(isEmailColumn)) throw new ImportRefused("The file needs a column called ‘email address’.");
          if (isExportHeader(header)) parseRow = parseExportedRow;
          continue;
        }
        if (rowNumber <= resumeAfter || cells.every((cell) => cell.trim() === "")) continue;
        if (++report.rowsRead > MAX_ROWS)
          throw new ImportRefused(
            `The file has more than ${MAX_ROWS.toLocaleString("en-GB")} rows. Split it into files of up to ${MAX_ROWS.toLocaleString("en-GB")} rows.`,
          );
        const parsed = parseRow(Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ""])));
        if ("error" in parsed) {
          report.invalidCount++;
          if (report.invalidRows.length < INVALID_ROWS_KEPT)
            report.invalidRows.push({ row: rowNumber, message: parsed.error });
        } else valid.push(parsed);
      }
      if (rowNumber <= resumeAfter) continue;
      const counts = await db.$transaction(async (tx) => {
        const stored = await storeSubscribers(started.serviceId, started.listId, valid, tx);
        await tx.subscriberImport.update({
          where: { id: importId },
          data: {
            ...report,
            added: report.added + stored.added,
            updated: report.updated + stored.updated,
            storedThroughRow: rowNumber,
            bytesRead: bytesRead(),
          },
        });
        return stored;
      });
      report.added += counts.added;
      report.updated += counts.updated;
    }
    if (!header) throw new ImportRefused("The file is empty.");
    if (report.rowsRead === 0) throw new ImportRefused("The file has column headings but no rows of subscribers.");
    await db.subscriberImport.update({
      where: { id: importId },
      data: { status: "done", ...report, bytesRead: started.sizeBytes, finishedAt: new Date() },
    });
    await recordAuditEvent(db, {
      action: "mailing_list.imported",
      serviceId: started.serviceId,
      userId: started.createdById,
      subjectType: "mailing_list",
      subjectId: started.listId,
      details: { importId, added: report.added, updated: report.updated, invalid: report.invalidCount },
    });
  } catch (error) {
    if (!(error instanceof ImportRefused || error instanceof SpreadsheetError)) throw error;
    // Rows before the refusal may be stored (a file too long): the report says so.
    await db.subscriberImport.update({
      where: { id: importId },
      data: { status: "failed", error: error.message, ...report, finishedAt: new Date() },
    });
  }
  if (started.bucket === "uploads")
    await deleteObject("uploads", started.objectKey).catch((error: unknown) =>
      log.warn({ err: error, importId }, "could not delete an imported file"),
    );
}

/**
 * The import failed for a reason of Tidings' own (S3 unreachable, say) and will not be tried again:
 * it ends as failed with a message saying so, rather than "importing" for ever (which would also
 * hold up a campaign whose contact list it copies). Rows stored before the failure stay.
 */
export async function recordImportFailure(importId: string): Promise<void> {
  await db.subscriberImport.updateMany({
    where: { id: importId, status: "importing" },
    data: {
      status: "failed",
      error: "Tidings could not finish reading the file. Import it again; if that fails too, tell us.",
      finishedAt: new Date(),
    },
  });
}
