import "server-only";
import { Transform } from "node:stream";
import { objectStream, type Bucket } from "@/lib/storage/s3";
import { MAX_FILE_BYTES } from "./check-rows";
import { readSpreadsheetRows, type SpreadsheetFormat } from "./read-spreadsheet";

/** Progress is written at most this often, so that a quick read is not slowed by its own progress bar. */
const PROGRESS_EVERY_MS = 300;

/**
 * The rows of a spreadsheet in S3, streamed (never the whole file in memory), with how many of its
 * bytes have been read so far: what a progress bar follows while the row count is not yet known.
 */
export async function storedRows(
  bucket: Bucket,
  objectKey: string,
  format: SpreadsheetFormat,
): Promise<{ rows: AsyncIterable<string[]>; bytesRead: () => number }> {
  let bytesRead = 0;
  const body = await objectStream(bucket, objectKey);
  const counted = body.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytesRead += chunk.length;
        callback(null, chunk);
      },
    }),
  );
  body.on("error", (error) => counted.destroy(error));
  return { rows: readSpreadsheetRows(counted, format, MAX_FILE_BYTES), bytesRead: () => bytesRead };
}

/** Calls `write` at most every few hundred milliseconds, however often it is asked to. */
export function everyFewMoments<Args extends unknown[]>(
  write: (...args: Args) => Promise<void>,
): (...args: Args) => Promise<void> {
  let last = Date.now();
  return async (...args) => {
    if (Date.now() - last < PROGRESS_EVERY_MS) return;
    last = Date.now();
    await write(...args);
  };
}
