import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { Readable } from "node:stream";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readSpreadsheetRows } from "./read-spreadsheet";
import { SpreadsheetError } from "./spreadsheet-error";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A workbook's parts written by hand, as other programs than exceljs write them. */
function workbook(parts: Record<string, string>, order?: string[]): Buffer {
  const files: Record<string, Uint8Array> = {};
  const names = order ?? Object.keys(parts);
  for (const name of names) files[name] = strToU8(parts[name]!);
  return Buffer.from(zipSync(files));
}

const packageRels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

function workbookRels(sheets: string[], sharedStrings = true) {
  const rels = sheets.map(
    (target, index) => `<Relationship Id="rId${index + 1}" Type="${RELATIONSHIPS}/worksheet" Target="${target}"/>`,
  );
  if (sharedStrings)
    rels.push(`<Relationship Id="rIdS" Type="${RELATIONSHIPS}/sharedStrings" Target="/xl/sharedStrings.xml"/>`);
  return `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`;
}

const sheetXml = (rows: string) => `<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;

/** A workbook of one sheet of inline strings, as programs that write no shared strings make them. */
const oneSheetWorkbook = (rows: string) =>
  workbook({
    "_rels/.rels": packageRels,
    "xl/workbook.xml": `<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": workbookRels(["worksheets/sheet1.xml"], false),
    "xl/worksheets/sheet1.xml": sheetXml(rows),
  });

async function readAll(bytes: Buffer): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of readSpreadsheetRows(Readable.from([bytes]), "xlsx", 10_000_000)) rows.push(row);
  return rows;
}

const leftoverTemporaryFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith("tidings-upload-"));

describe("reading XLSX", () => {
  it("reads the sheet the workbook lists first, wherever its part is and whatever order the zip holds", async () => {
    const bytes = workbook({
      "xl/worksheets/sheet1.xml": sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>second tab</t></is></c></row>`),
      "xl/worksheets/sheet2.xml": sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`),
      "xl/sharedStrings.xml": `<sst xmlns="${MAIN}"><si><t>first tab</t></si></sst>`,
      "xl/_rels/workbook.xml.rels": workbookRels(["worksheets/sheet1.xml", "worksheets/sheet2.xml"]),
      // The tabs were reordered in Excel: sheet2.xml is the first one people see.
      "xl/workbook.xml": `<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets><sheet name="People" sheetId="2" r:id="rId2"/><sheet name="Old" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      "_rels/.rels": packageRels,
    });
    expect(await readAll(bytes)).toEqual([["first tab"]]);
  });

  it("shows each cell as Excel does: shared, inline and rich text, numbers, TRUE/FALSE, formulas' results, errors empty", async () => {
    const bytes = workbook({
      "_rels/.rels": packageRels,
      "xl/workbook.xml": `<x:workbook xmlns:x="${MAIN}" xmlns:r="${RELATIONSHIPS}"><x:sheets><x:sheet name="A" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
      "xl/_rels/workbook.xml.rels": workbookRels(["worksheets/sheet1.xml"]),
      // Prefixed elements, as the OpenXML SDK writes them; a phonetic guide Excel does not show in the cell.
      "xl/sharedStrings.xml": `<x:sst xmlns:x="${MAIN}"><x:si><x:r><x:t>Ann</x:t></x:r><x:r><x:t xml:space="preserve"> Lee</x:t></x:r></x:si><x:si><x:t>東京</x:t><x:rPh sb="0" eb="2"><x:t>トウキョウ</x:t></x:rPh></x:si><x:si><x:t>line one_x000D_
line two, 5_x005F_x0025_</x:t></x:si></x:sst>`,
      "xl/worksheets/sheet1.xml": `<x:worksheet xmlns:x="${MAIN}"><x:sheetData>
        <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row>
        <x:row r="2"><x:c r="A2"><x:v>4.47700900123E+11</x:v></x:c><x:c r="B2" t="b"><x:v>1</x:v></x:c><x:c r="C2" t="b"><x:v>0</x:v></x:c>
          <x:c r="D2" t="str"><x:f>A1&amp;"!"</x:f><x:v>Ann Lee!</x:v></x:c><x:c r="E2" t="e"><x:v>#N/A</x:v></x:c><x:c r="F2"><x:v>0.5</x:v></x:c><x:c r="G2" t="inlineStr"><x:is><x:t>code _x005F_x0041_</x:t></x:is></x:c></x:row>
      </x:sheetData></x:worksheet>`,
    });
    expect(await readAll(bytes)).toEqual([
      ["Ann Lee", "東京", "line one\r\nline two, 5_x0025_"],
      ["447700900123", "TRUE", "FALSE", "Ann Lee!", "", "0.5", "code _x0041_"],
    ]);
  });

  it("keeps the sheet's row and column numbering where rows and cells are missing, and leaves out empty rows at the end", async () => {
    const bytes = oneSheetWorkbook(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>email address</t></is></c><c r="C1" t="inlineStr"><is><t>name</t></is></c></row>` +
        `<row r="4"><c r="A4" t="inlineStr"><is><t>a@example.com</t></is></c></row>` +
        // Formatting to the sheet's last row: styled cells with nothing in them.
        `<row r="5"><c r="A5" s="1"/></row><row r="1048576"><c r="A1048576" s="1"/></row>`,
    );
    expect(await readAll(bytes)).toEqual([["email address", "", "name"], [], [], ["a@example.com"]]);
  });

  it("refuses a workbook whose parts are broken or missing, and leaves no temporary file behind", async () => {
    const before = leftoverTemporaryFiles();
    const broken = oneSheetWorkbook(`<row r="1"><c r="A1" t="inlineStr"><is><t>cut off`);
    const noSheet = workbook({ "_rels/.rels": packageRels, "xl/workbook.xml": `<workbook xmlns="${MAIN}"/>` });
    const truncated = broken.subarray(0, broken.length - 30);
    for (const bytes of [broken, noSheet, truncated]) {
      const failure = await readAll(bytes).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SpreadsheetError);
    }
    expect(String(await readAll(broken).catch((error: unknown) => error))).toContain("not a valid XLSX spreadsheet");
    expect(String(await readAll(noSheet).catch((error: unknown) => error))).toContain("The workbook has no sheets");
    expect(leftoverTemporaryFiles()).toEqual(before);
  });

  it("removes its temporary file when the reader stops after the first rows", async () => {
    const before = leftoverTemporaryFiles();
    const bytes = oneSheetWorkbook(
      Array.from(
        { length: 5000 },
        (_, index) => `<row r="${index + 1}"><c t="inlineStr"><is><t>row ${index + 1}</t></is></c></row>`,
      ).join(""),
    );
    for await (const row of readSpreadsheetRows(Readable.from([bytes]), "xlsx", 10_000_000)) {
      expect(row).toEqual(["row 1"]);
      break;
    }
    expect(leftoverTemporaryFiles()).toEqual(before);
  });
});
