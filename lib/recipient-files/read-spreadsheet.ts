import "server-only";
import { Readable, Transform } from "node:stream";
import { parse as parseCsv, CsvError } from "csv-parse";
import { odsRows } from "./read-ods";
import { xlsxRows } from "./read-xlsx";
import { SpreadsheetError } from "./spreadsheet-error";

export type SpreadsheetFormat = "csv" | "tsv" | "xlsx" | "ods";

/** What a file may be, by its name's extension. */
const EXTENSIONS: Record<string, SpreadsheetFormat> = {
  csv: "csv",
  tsv: "tsv",
  xlsx: "xlsx",
  xlsm: "xlsx",
  ods: "ods",
};

/** The format a file's name says it is, or null for a name that is no spreadsheet we read. */
export function formatOfFileName(fileName: string): SpreadsheetFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  return (extension && EXTENSIONS[extension]) || null;
}

export const ACCEPTED_FILE_TYPES = "CSV, TSV, XLSX or ODS";

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Reads a spreadsheet's rows as text cells, header first, from a stream: CSV and TSV through
 * csv-parse as the bytes arrive; XLSX and ODS, which are zips, written to a temporary file first
 * and their XML read with a streaming parser (saxes). Only the first sheet of a workbook is read.
 * Nothing holds the whole file: memory stays flat however many rows it has. Stops with a
 * SpreadsheetError past `maxBytes` or on a file that is not what its name says.
 */
export async function* readSpreadsheetRows(
  body: Readable,
  format: SpreadsheetFormat,
  maxBytes: number,
): AsyncGenerator<string[]> {
  const { first, stream } = await peek(body);
  const isZip = first.subarray(0, 4).equals(ZIP_MAGIC);
  const limited = stream.pipe(byteLimit(maxBytes));
  stream.on("error", (error) => limited.destroy(error));
  try {
    if (format === "xlsx" || format === "ods") {
      if (!isZip) throw new SpreadsheetError(`The file is not a valid ${format.toUpperCase()} spreadsheet.`);
      yield* format === "xlsx" ? xlsxRows(limited) : odsRows(limited);
      return;
    }
    if (isZip)
      throw new SpreadsheetError(
        "The file looks like a workbook (XLSX or ODS), not a CSV file. Save it with its own extension and upload it again.",
      );
    yield* textRows(limited, format === "tsv" ? "\t" : ",");
  } finally {
    body.destroy();
    limited.destroy();
  }
}

async function peek(body: Readable): Promise<{ first: Buffer; stream: Readable }> {
  const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head = await iterator.next();
  const first = head.done ? Buffer.alloc(0) : Buffer.from(head.value);
  async function* rest() {
    if (first.length > 0) yield first;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield Buffer.from(next.value);
  }
  return { first, stream: Readable.from(rest(), { objectMode: false }) };
}

function byteLimit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes)
        return callback(new SpreadsheetError(`The file is larger than ${Math.round(maxBytes / 1_000_000)} MB.`));
      callback(null, chunk);
    },
  });
}

/** CSV or TSV in UTF-8 (a BOM is allowed); anything else is refused rather than read as gibberish. */
async function* textRows(stream: Readable, delimiter: string): AsyncGenerator<string[]> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const utf8 = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        return callback(
          new SpreadsheetError(
            "The file is not in a text encoding we can read. Save it as ‘CSV UTF-8’ and upload it again.",
          ),
        );
      }
      if (text.includes("\u0000"))
        return callback(new SpreadsheetError("The file is not a spreadsheet. Upload a CSV, TSV, XLSX or ODS file."));
      callback(null, text);
    },
  });
  stream.on("error", (error) => utf8.destroy(error));
  const parser = stream
    .pipe(utf8)
    .pipe(parseCsv({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, trim: false }));
  utf8.on("error", (error) => parser.destroy(error));
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield record;
  } catch (error) {
    if (error instanceof CsvError)
      throw new SpreadsheetError(`The file could not be read as a spreadsheet: ${error.message.replace(/^.*?: /, "")}`);
    throw error;
  }
}
