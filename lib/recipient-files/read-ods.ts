import "server-only";
import type { Readable } from "node:stream";
import { parseXml } from "./parse-xml";
import { readSpooledZip } from "./spooled-zip";
import { SpreadsheetError } from "./spreadsheet-error";

const INVALID = "The file is not a valid ODS spreadsheet.";

/** Repeated empty rows beyond this (a sheet's formatting to its last row) are the end of the data. */
const MAX_REPEATED_EMPTY_ROWS = 1000;

/** ODS (OpenDocument): the first sheet's rows as text cells, from `content.xml`, read as it streams from the zip. */
export function odsRows(stream: Readable): AsyncGenerator<string[]> {
  return readSpooledZip(stream, INVALID, async function* (zip) {
    if (zip.sizeOf("content.xml") === undefined) throw new SpreadsheetError(INVALID);
    let sheets = 0;
    let inFirstSheet = false;
    let row: string[] | null = null;
    let rowRepeat = 1;
    let cell: { text: string; repeat: number; paragraphs: number } | null = null;
    const closeCell = () => {
      if (!row || !cell) return;
      const { text, repeat } = cell;
      // Repeated empty cells at a row's end are formatting; the trim below drops them.
      for (let index = 0; index < Math.min(repeat, text ? repeat : 1024); index++) row.push(text);
      cell = null;
    };
    yield* parseXml<string[]>(
      await zip.open("content.xml"),
      {
        open(name, attributes) {
          if (name === "table") inFirstSheet = ++sheets === 1;
          if (!inFirstSheet) return;
          if (name === "table-row") {
            row = [];
            rowRepeat = Number(attributes["table:number-rows-repeated"] ?? 1);
          } else if (row && (name === "table-cell" || name === "covered-table-cell")) {
            cell = { text: "", repeat: Number(attributes["table:number-columns-repeated"] ?? 1), paragraphs: 0 };
          } else if (cell && name === "p") {
            if (cell.paragraphs++ > 0) cell.text += "\n";
          } else if (cell && name === "s") {
            cell.text += " ".repeat(Number(attributes["text:c"] ?? 1));
          } else if (cell && (name === "tab" || name === "line-break")) {
            cell.text += name === "tab" ? "\t" : "\n";
          }
        },
        text(text) {
          if (cell) cell.text += text;
        },
        close(name, emit) {
          if (!inFirstSheet) return;
          if (name === "table-cell" || name === "covered-table-cell") closeCell();
          else if (name === "table-row" && row) {
            while (row.length > 0 && row[row.length - 1] === "") row.pop();
            const repeat = row.length === 0 && rowRepeat > MAX_REPEATED_EMPTY_ROWS ? 0 : rowRepeat;
            for (let index = 0; index < repeat; index++) emit([...row]);
            row = null;
          } else if (name === "table") inFirstSheet = false;
        },
      },
      INVALID,
    );
  });
}
