import "server-only";
import { posix } from "node:path";
import type { Readable } from "node:stream";
import { parseXml } from "./parse-xml";
import { readSpooledZip, type ZipParts } from "./spooled-zip";
import { SpreadsheetError } from "./spreadsheet-error";

const INVALID = "The file is not a valid XLSX spreadsheet.";

/** Every distinct text of a workbook is held while its sheet is read; beyond this it is refused, not read out of memory. */
const MAX_SHARED_STRINGS_BYTES = 200_000_000;

/**
 * XLSX (Office Open XML): the first sheet's rows as text cells, header first, read as the file
 * streams from the zip, with shared strings looked up. Cells show what Excel shows for text,
 * numbers and TRUE/FALSE; errors (#N/A) and empty cells are empty; a row missing from the file is
 * an empty row, and empty rows at the end are left out.
 */
export function xlsxRows(stream: Readable): AsyncGenerator<string[]> {
  return readSpooledZip(stream, INVALID, async function* (zip) {
    const packageParts = await relationships(zip, "");
    const workbook = packageParts.find((part) => part.type === "officeDocument")?.target ?? "xl/workbook.xml";
    const workbookParts = await relationships(zip, workbook);
    const firstSheet = await firstSheetId(zip, workbook);
    const sheet = workbookParts.find((part) => part.id === firstSheet)?.target;
    if (!sheet || zip.sizeOf(sheet) === undefined) throw new SpreadsheetError(INVALID);
    const sharedStrings = workbookParts.find((part) => part.type === "sharedStrings")?.target;
    const strings =
      sharedStrings && zip.sizeOf(sharedStrings) !== undefined ? await readStrings(zip, sharedStrings) : [];
    yield* sheetRows(zip, sheet, strings);
  });
}

interface Relationship {
  id: string;
  /** The last word of its type: `officeDocument`, `worksheet`, `sharedStrings`. */
  type: string;
  /** The part it points to, resolved against the folder of the part that holds it. */
  target: string;
}

/** A part's relationships (`_rels/<name>.rels`, or `_rels/.rels` for the package's own). */
async function relationships(zip: ZipParts, part: string): Promise<Relationship[]> {
  const folder = posix.dirname(part);
  const relsPath = posix.join(folder, "_rels", `${posix.basename(part)}.rels`);
  if (zip.sizeOf(relsPath) === undefined) return [];
  const found = parseXml<Relationship>(
    await zip.open(relsPath),
    {
      open(name, attributes, emit) {
        if (name !== "Relationship" || attributes.TargetMode === "External" || !attributes.Target) return;
        const target = attributes.Target.startsWith("/")
          ? attributes.Target.slice(1)
          : posix.normalize(posix.join(folder, attributes.Target));
        emit({ id: attributes.Id ?? "", type: (attributes.Type ?? "").split("/").pop() ?? "", target });
      },
    },
    INVALID,
  );
  const all: Relationship[] = [];
  for await (const relationship of found) all.push(relationship);
  return all;
}

/** The relationship id of the workbook's first sheet, the one people see first when they open it. */
async function firstSheetId(zip: ZipParts, workbook: string): Promise<string> {
  const sheets = parseXml<string>(
    await zip.open(workbook),
    {
      open(name, attributes, emit) {
        // The id is in the relationships namespace, whatever its prefix (`r:id`).
        const id = Object.entries(attributes).find(([attribute]) => attribute.endsWith(":id"))?.[1];
        if (name === "sheet" && id) emit(id);
      },
    },
    INVALID,
  );
  for await (const id of sheets) return id;
  throw new SpreadsheetError("The workbook has no sheets.");
}

/** Text written by Excel with a character XML cannot carry escaped as `_x000D_`; `_x005F_` is a literal underscore. */
const unescapeText = (text: string) =>
  text.includes("_x")
    ? text.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;

/**
 * The text of a string item (`<si>` or an inline `<is>`): its `<t>` elements, joined across rich
 * text runs, leaving out phonetic guides (`<rPh>`), which Excel does not show in the cell.
 */
function stringItemReader() {
  let text: string | null = null;
  let inText = false;
  let inPhonetic = false;
  return {
    open(name: string) {
      if (name === "rPh") inPhonetic = true;
      else if (name === "t" && !inPhonetic) {
        inText = true;
        text ??= "";
      }
    },
    text(value: string) {
      if (inText) text += value;
    },
    close(name: string) {
      if (name === "rPh") inPhonetic = false;
      else if (name === "t") inText = false;
    },
    take(): string {
      const value = unescapeText(text ?? "");
      text = null;
      return value;
    },
  };
}

async function readStrings(zip: ZipParts, part: string): Promise<string[]> {
  if ((zip.sizeOf(part) ?? 0) > MAX_SHARED_STRINGS_BYTES)
    throw new SpreadsheetError(
      "The workbook holds more text than we can read. Save it as ‘CSV UTF-8’ and upload it again.",
    );
  const item = stringItemReader();
  const strings: string[] = [];
  const items = parseXml<string>(
    await zip.open(part),
    {
      open: (name) => item.open(name),
      text: (text) => item.text(text),
      close(name, emit) {
        item.close(name);
        if (name === "si") emit(item.take());
      },
    },
    INVALID,
  );
  for await (const text of items) strings.push(text);
  return strings;
}

/** The column of a cell reference (`C7` → 2), or undefined for a reference that is not one. */
function columnOf(reference: string): number | undefined {
  const letters = /^([A-Z]{1,3})\d*$/i.exec(reference)?.[1]?.toUpperCase();
  if (!letters) return undefined;
  let column = 0;
  for (const letter of letters) column = column * 26 + letter.charCodeAt(0) - 64;
  return column - 1;
}

/** What Excel shows for a cell of a given type (`t`) holding `value` (its `<v>`, or an inline string). */
function cellText(type: string, value: string, strings: string[]): string {
  switch (type) {
    case "s":
      return strings[Number(value)] ?? "";
    case "b":
      return value === "1" ? "TRUE" : value === "0" ? "FALSE" : "";
    case "e":
      return "";
    case "str":
      return unescapeText(value);
    case "inlineStr":
      // Already unescaped as a string item.
      return value;
    case "n": {
      // As Excel shows a number typed into a cell: 447700900123, not 4.47700900123E+11.
      const number = Number(value);
      return value.trim() !== "" && Number.isFinite(number) ? String(number) : value;
    }
    default:
      return value;
  }
}

async function* sheetRows(zip: ZipParts, part: string, strings: string[]): AsyncGenerator<string[]> {
  const inline = stringItemReader();
  let row: string[] | null = null;
  let rowNumber = 0;
  let cell: { column: number; type: string; value: string; inValue: boolean; inInline: boolean } | null = null;
  // Empty rows are held back until a row with something in it follows: at the end they are not data.
  let emptyRows = 0;
  const rows = parseXml<string[]>(
    await zip.open(part),
    {
      open(name, attributes) {
        if (name === "row") {
          const number = Number(attributes.r);
          const next = Number.isInteger(number) && number > rowNumber ? number : rowNumber + 1;
          emptyRows += next - rowNumber - 1;
          rowNumber = next;
          row = [];
        } else if (name === "c" && row) {
          const column = columnOf(attributes.r ?? "") ?? row.length;
          cell = { column, type: attributes.t ?? "n", value: "", inValue: false, inInline: false };
        } else if (cell && name === "v") cell.inValue = true;
        else if (cell && name === "is") cell.inInline = true;
        else if (cell?.inInline) inline.open(name);
      },
      text(text) {
        if (cell?.inValue) cell.value += text;
        else if (cell?.inInline) inline.text(text);
      },
      close(name, emit) {
        if (cell && name === "v") cell.inValue = false;
        else if (cell && name === "is") {
          cell.inInline = false;
          cell.value = inline.take();
        } else if (cell?.inInline) inline.close(name);
        else if (cell && row && name === "c") {
          for (let index = row.length; index < cell.column; index++) row.push("");
          row[cell.column] = cellText(cell.type, cell.value, strings);
          cell = null;
        } else if (row && name === "row") {
          if (row.every((text) => text === "")) emptyRows++;
          else {
            for (; emptyRows > 0; emptyRows--) emit([]);
            emit(row);
          }
          row = null;
        }
      },
    },
    INVALID,
  );
  yield* rows;
}
