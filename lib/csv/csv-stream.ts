import "server-only";
import { stringify } from "csv-stringify";

/** Rows as a CSV download, written as they are read so that a large export never sits in memory. */
export function csvStream(columns: string[], rows: AsyncIterable<string[]>): ReadableStream<Uint8Array> {
  const csv = stringify({ header: true, columns });
  void (async () => {
    try {
      for await (const row of rows) if (!csv.write(row)) await new Promise((resolve) => csv.once("drain", resolve));
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  })();
  return new ReadableStream({
    start(controller) {
      csv.on("data", (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
      csv.on("end", () => controller.close());
      csv.on("error", (error) => controller.error(error));
    },
  });
}
