import { Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { readSpreadsheetRows } from "./read-spreadsheet";
import { SpreadsheetError } from "./spreadsheet-error";

// What people put in cells: anything, and in particular what CSV has to quote or a reader may trip on.
const tricky = fc.constantFrom(",", '"', "\t", "\n", "\r\n", "\r", " ", "\ufeff", "é", "中文", "👩🏽‍💻", "=1+1", "'");
const cellText = (text: fc.Arbitrary<string>) =>
  fc.array(fc.oneof(text, tricky), { maxLength: 6 }).map((parts) => parts.join(""));
// NUL is refused on purpose (a binary file, not a spreadsheet): see the last property.
const csvCell = cellText(fc.string({ unit: "grapheme", maxLength: 8 }).filter((text) => !text.includes("\u0000")));
const table = (cell: fc.Arbitrary<string>) =>
  fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 });

/** The file's bytes as they might arrive: in chunks cut anywhere, through a multi-byte character too. */
function chunked(bytes: Buffer, cuts: number[]): Readable {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks = [...points, bytes.length].map((end, index) => bytes.subarray(index ? points[index - 1] : 0, end));
  return Readable.from(chunks.filter((chunk) => chunk.length > 0));
}

async function readAll(body: Readable, format: "csv" | "tsv" | "xlsx") {
  const rows: string[][] = [];
  for await (const row of readSpreadsheetRows(body, format, 10_000_000)) rows.push(row);
  return rows;
}

describe("CSV and TSV, for any table of cells", () => {
  it("read back as the same rows however they are quoted, with or without a BOM, with either line ending", async () => {
    await fc.assert(
      fc.asyncProperty(
        table(csvCell),
        fc.record({
          format: fc.constantFrom("csv" as const, "tsv" as const),
          quoteEverything: fc.boolean(),
          bom: fc.boolean(),
          lineEnding: fc.constantFrom("\n", "\r\n"),
          finalLineEnding: fc.boolean(),
          cuts: fc.array(fc.nat(), { maxLength: 5 }),
        }),
        async (rows, { format, quoteEverything, bom, lineEnding, finalLineEnding, cuts }) => {
          // Unquoted, a leading BOM of the first cell is the file's BOM; a spreadsheet program quotes it.
          const quoted = quoteEverything || rows[0]![0]!.startsWith("\ufeff");
          let text = stringify(rows, {
            delimiter: format === "tsv" ? "\t" : ",",
            record_delimiter: lineEnding,
            quoted,
            // An empty row unquoted is a blank line, which a reader cannot tell from no cell at all.
            quoted_empty: true,
            // Any line break is a line ending to a reader: spreadsheet programs quote them all, csv-stringify only its own.
            quoted_match: /[\r\n]/,
          });
          if (!finalLineEnding) text = text.slice(0, -lineEnding.length);
          const bytes = Buffer.from((bom ? "\ufeff" : "") + text);
          expect(await readAll(chunked(bytes, cuts), format)).toEqual(rows);
        },
      ),
      {
        examples: [
          // Excel's "CSV UTF-8": CRLF between rows, LF within a cell (here a heading wrapped onto two lines).
          [
            [
              ["email address", "postal\naddress"],
              ["a@example.com", "1 High Street\nTown"],
            ],
            { format: "csv", quoteEverything: false, bom: true, lineEnding: "\r\n", finalLineEnding: true, cuts: [] },
          ],
        ],
      },
    );
  });

  it("refuse what is not UTF-8 text, or not CSV at all, with a SpreadsheetError and nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => {
        await readAll(Readable.from([Buffer.from(bytes)]), "csv").catch((error: unknown) => {
          expect(error).toBeInstanceOf(SpreadsheetError);
        });
      }),
    );
  });
});

// XML, which XLSX is made of, cannot carry most control characters, and reads a carriage return as a newline.
const xlsxCell = cellText(fc.string({ unit: "grapheme", maxLength: 8 })).map((text) =>
  text.replace(/[\u0000-\u0008\u000b-\u001f\ufffe\uffff]/g, ""),
);

/** Trailing empty cells and rows are not in a workbook at all. */
const withoutTrailingEmpties = (rows: string[][]) => {
  const trimmed = rows.map((row) => {
    const cells = [...row];
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    return cells;
  });
  while (trimmed.length > 0 && trimmed[trimmed.length - 1]!.length === 0) trimmed.pop();
  return trimmed;
};

describe("XLSX, for any table of text cells", () => {
  // Each run writes and reads a whole workbook (tens of milliseconds, more on a busy machine).
  it("reads back as the same rows from the first sheet", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(table(xlsxCell), fc.boolean(), async (rows, secondSheet) => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet("People");
        rows.forEach((row, index) => {
          // Empty cells left out, as a spreadsheet program writes them.
          row.forEach((cell, column) => {
            if (cell !== "") sheet.getCell(index + 1, column + 1).value = cell;
          });
        });
        if (secondSheet) workbook.addWorksheet("Notes").addRow(["not read"]);
        const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
        expect(withoutTrailingEmpties(await readAll(Readable.from([bytes]), "xlsx"))).toEqual(
          withoutTrailingEmpties(rows),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe("XLSX, whatever the order of the parts in its zip", () => {
  // What exceljs reads while streaming: relationships and shared strings first, the sheets, then workbook.xml.
  const place = (part: string) =>
    ["xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml"].includes(part) ? 0 : part === "xl/workbook.xml" ? 2 : 1;

  it("reads the first sheet when workbook.xml comes after the sheets", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("People").addRows([["email address"], ["a@example.com"]]);
    workbook.addWorksheet("Notes").addRow(["not read"]);
    const written = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    const parts = Object.values(written.files)
      .filter((entry) => !entry.dir)
      .map((entry) => entry.name)
      .sort((a, b) => place(a) - place(b));
    const reordered = new JSZip();
    for (const part of parts) reordered.file(part, await written.file(part)!.async("uint8array"));
    const bytes = await reordered.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    expect(await readAll(Readable.from([bytes]), "xlsx")).toEqual([["email address"], ["a@example.com"]]);
  });
});
