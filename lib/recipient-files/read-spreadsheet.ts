import "server-only";
import { Readable, Transform } from "node:stream";
import { parse as parseCsv, CsvError } from "csv-parse";
import ExcelJS from "exceljs";
import { Unzip, UnzipInflate, type UnzipFile } from "fflate";
import { SaxesParser } from "saxes";

export type SpreadsheetFormat = "csv" | "tsv" | "xlsx" | "ods";

/** What a file may be, by its name's extension. */
const EXTENSIONS: Record<string, SpreadsheetFormat> = {
  csv: "csv",
  tsv: "tsv",
  xlsx: "xlsx",
  xlsm: "xlsx",
  ods: "ods",
};

/** A file that cannot be read as a spreadsheet; the message is for the person who uploaded it. */
export class SpreadsheetError extends Error {}

/** The format a file's name says it is, or null for a name that is no spreadsheet we read. */
export function formatOfFileName(fileName: string): SpreadsheetFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  return (extension && EXTENSIONS[extension]) || null;
}

export const ACCEPTED_FILE_TYPES = "CSV, TSV, XLSX or ODS";

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Reads a spreadsheet's rows as text cells, header first, from a stream: CSV and TSV through
 * csv-parse, XLSX through exceljs's streaming reader, ODS by unzipping `content.xml` as it arrives
 * (fflate) and reading its XML with a streaming parser (saxes), since exceljs does not read ODS.
 * Only the first sheet of a workbook is read. Nothing holds the whole file: memory stays flat
 * however many rows it has. Stops with a SpreadsheetError past `maxBytes` or on a file that is not
 * what its name says.
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

type ExcelCell = ExcelJS.CellValue;

function excelText(value: ExcelCell): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return excelText(value.text as ExcelCell);
    if ("result" in value) return excelText((value.result ?? "") as ExcelCell);
    if ("error" in value) return "";
    return "";
  }
  return String(value);
}

async function* xlsxRows(stream: Readable): AsyncGenerator<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  // A zip may hold a sheet before workbook.xml, where the sheets' names are; exceljs then reads the
  // names from a model it has not made yet and throws. Until workbook.xml is read, no sheet has a name.
  Object.assign(reader, { model: { sheets: [] } });
  try {
    for await (const worksheet of reader) {
      let expected = 1;
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        // Rows with nothing in them are not in the file at all: keep the numbering of the sheet.
        for (; expected < row.number; expected++) yield [];
        expected = row.number + 1;
        // Sparse where cells are missing: Array.from turns each hole into an empty cell, which map would keep a hole.
        yield Array.from((row.values as ExcelCell[]).slice(1), (value) => excelText(value));
      }
      return;
    }
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw new SpreadsheetError("The file is not a valid XLSX spreadsheet.");
  }
}

/** Repeated empty rows beyond this (a sheet's formatting to its last row) are the end of the data. */
const MAX_REPEATED_EMPTY_ROWS = 1000;

/** ODS: content.xml of the zip, unzipped as it streams in and read with a streaming XML parser. */
async function* odsRows(stream: Readable): AsyncGenerator<string[]> {
  const ready: string[][] = [];
  let failure: Error | null = null;
  let done = false;
  let wake: (() => void) | null = null;
  let resumeFeed: (() => void) | null = null;
  const resume = () => {
    const waiting = resumeFeed;
    resumeFeed = null;
    waiting?.();
  };
  const notify = () => {
    wake?.();
    wake = null;
  };
  const fail = (error: Error) => {
    failure ??=
      error instanceof SpreadsheetError ? error : new SpreadsheetError("The file is not a valid ODS spreadsheet.");
    notify();
  };

  const xml = new SaxesParser({ xmlns: false });
  let sheets = 0;
  let inFirstSheet = false;
  let row: string[] | null = null;
  let rowRepeat = 1;
  let cell: { text: string; repeat: number; paragraphs: number } | null = null;
  xml.on("opentag", (tag) => {
    if (tag.name === "table:table") inFirstSheet = ++sheets === 1;
    if (!inFirstSheet) return;
    if (tag.name === "table:table-row") {
      row = [];
      rowRepeat = Number(tag.attributes["table:number-rows-repeated"] ?? 1);
    } else if (row && (tag.name === "table:table-cell" || tag.name === "table:covered-table-cell")) {
      cell = { text: "", repeat: Number(tag.attributes["table:number-columns-repeated"] ?? 1), paragraphs: 0 };
      if (tag.isSelfClosing) closeCell();
    } else if (cell && tag.name === "text:p") {
      if (cell.paragraphs++ > 0) cell.text += "\n";
    } else if (cell && tag.name === "text:s") {
      cell.text += " ".repeat(Number(tag.attributes["text:c"] ?? 1));
    } else if (cell && (tag.name === "text:tab" || tag.name === "text:line-break")) {
      cell.text += tag.name === "text:tab" ? "\t" : "\n";
    }
  });
  const closeCell = () => {
    if (!row || !cell) return;
    const { text, repeat } = cell;
    // Repeated empty cells at a row's end are formatting; the trim below drops them.
    for (let index = 0; index < Math.min(repeat, text ? repeat : 1024); index++) row.push(text);
    cell = null;
  };
  xml.on("text", (text) => {
    if (cell) cell.text += text;
  });
  xml.on("closetag", (tag) => {
    if (!inFirstSheet) return;
    if (tag.name === "table:table-cell" || tag.name === "table:covered-table-cell") closeCell();
    else if (tag.name === "table:table-row" && row) {
      while (row.length > 0 && row[row.length - 1] === "") row.pop();
      const repeat = row.length === 0 && rowRepeat > MAX_REPEATED_EMPTY_ROWS ? 0 : rowRepeat;
      for (let index = 0; index < repeat; index++) ready.push([...row]);
      row = null;
    } else if (tag.name === "table:table") inFirstSheet = false;
  });
  xml.on("error", fail);

  let foundContent = false;
  const unzip = new Unzip((file: UnzipFile) => {
    if (file.name !== "content.xml") return;
    foundContent = true;
    const decoder = new TextDecoder("utf-8");
    file.ondata = (error, data, final) => {
      if (error) return fail(error);
      try {
        xml.write(decoder.decode(data, { stream: !final }));
        if (final) xml.close();
      } catch (parseError) {
        return fail(parseError as Error);
      }
      notify();
    };
    file.start();
  });
  unzip.register(UnzipInflate);

  const feed = (async () => {
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        unzip.push(new Uint8Array(chunk));
        // Let the reader catch up before taking more: memory stays at a few chunks of rows.
        if (ready.length > 10_000 && !failure) await new Promise<void>((resolve) => (resumeFeed = resolve));
        if (failure) return;
      }
      unzip.push(new Uint8Array(0), true);
      if (!foundContent) fail(new SpreadsheetError("The file is not a valid ODS spreadsheet."));
    } catch (error) {
      fail(error as Error);
    } finally {
      done = true;
      notify();
    }
  })();

  for (;;) {
    const rows = ready.splice(0, ready.length);
    resume();
    for (const next of rows) yield next;
    if (failure) throw failure;
    if (done && ready.length === 0) break;
    if (ready.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve));
  }
  await feed;
}
