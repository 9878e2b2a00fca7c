import "server-only";
import type { NotificationType } from "@/lib/generated/prisma/enums";
import { objectStream, type Bucket } from "@/lib/storage/s3";
import { MAX_FILE_BYTES } from "./check-rows";
import { isEmptyRow, planColumns, recipientRowOf, type RecipientRow } from "./columns";
import { formatOfFileName, readSpreadsheetRows } from "./read-spreadsheet";
import { SpreadsheetError } from "./spreadsheet-error";

export type { RecipientRow };

/**
 * Where a bulk send's recipients come from, read in order of row number from a resume point. A job
 * reads its uploaded file; a campaign (lib/campaigns) reads a contact list's file the same way, or
 * implements this over its own audience. Row numbers must be unique and increasing: the engine
 * stores each row at most once per (job, row number) and resumes after the last row it stored.
 */
export type RecipientSource = {
  rows(afterRow: number): AsyncIterable<RecipientRow>;
};

/** A checked recipient file as it is stored. */
export type StoredRecipientFile = { bucket: string; objectKey: string; originalName: string; type: NotificationType };

/** The rows of a checked file in S3, streamed: a resumed read skips the rows before its resume point. */
export function recipientFileSource(file: StoredRecipientFile): RecipientSource {
  return {
    async *rows(afterRow) {
      const format = formatOfFileName(file.originalName);
      if (!format) throw new SpreadsheetError("The file is not a spreadsheet.");
      const rows = readSpreadsheetRows(
        await objectStream(file.bucket as Bucket, file.objectKey),
        format,
        MAX_FILE_BYTES,
      );
      let plan = null;
      let lineNumber = 0;
      for await (const cells of rows) {
        lineNumber++;
        if (!plan) {
          plan = planColumns(cells, file.type, []);
          continue;
        }
        if (lineNumber <= afterRow || isEmptyRow(cells)) continue;
        yield recipientRowOf(plan, cells, lineNumber);
      }
    },
  };
}

/** Groups a stream of rows into arrays of at most `size`. */
export async function* inBatches<Row>(rows: AsyncIterable<Row>, size: number): AsyncGenerator<Row[]> {
  let batch: Row[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
