import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { checkRecipientRows } from "@/lib/recipient-files/check-rows";
import { SENDING_SERVICE_FIELDS, type SendingService } from "@/lib/services/sending-service";
import { makeService } from "../support/factories";
import { makeLiveService } from "../support/recipient-files";

let service: SendingService;

beforeAll(async () => {
  const live = await makeLiveService((await makeService()).id);
  service = await db.service.findUniqueOrThrow({ where: { id: live.id }, select: SENDING_SERVICE_FIELDS });
});

async function* each(rows: string[][]) {
  for (const row of rows) yield row;
}
const checkContactRows = (rows: string[][]) =>
  checkRecipientRows({ service, type: "email", template: null }, each(rows));

const anyCell = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }));

describe("checking the rows of a spreadsheet, for any cells", () => {
  it("never throws, and reports only rows of the file, in order, counted once", async () => {
    const header = fc.oneof(
      fc.constant<string[]>(["email address", "note"]),
      fc.array(fc.oneof(anyCell, fc.constantFrom("email address", "Email Address", "email_address")), {
        maxLength: 4,
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        header,
        fc.array(fc.array(anyCell, { maxLength: 4 }), { maxLength: 30 }),
        async (first, rest) => {
          const rows = [first, ...rest];
          const check = await checkContactRows(rows);
          const numbers = check.rowsInError.map((row) => row.rowNumber);
          expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
          expect(new Set(numbers).size).toBe(numbers.length);
          for (const number of numbers) expect(number).toBeGreaterThanOrEqual(2);
          for (const number of numbers) expect(number).toBeLessThanOrEqual(rows.length);
          expect(check.errorRowCount).toBeLessThanOrEqual(check.rowCount);
          expect(check.rowsInError.length).toBe(Math.min(check.errorRowCount, 20));
        },
      ),
      { numRuns: 80 },
    );
  });

  it("reports each bad row by its number in the file, skipping blank rows but counting them", async () => {
    const row = fc.oneof(
      fc.record({ kind: fc.constant("good" as const), note: anyCell }),
      // Without an @ no string is an email address, whatever else it holds.
      fc.record({
        kind: fc.constant("bad" as const),
        address: anyCell.filter((text) => !text.includes("@") && text.trim() !== ""),
        note: anyCell,
      }),
      fc.record({ kind: fc.constant("blank" as const), spaces: fc.constantFrom("", " ", "\t", "  \n") }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), async (body) => {
        const rows = [
          ["email address", "note"],
          ...body.map((entry, index) =>
            entry.kind === "good"
              ? [`person-${index}@example.com`, entry.note]
              : entry.kind === "bad"
                ? [entry.address, entry.note]
                : [entry.spaces, entry.spaces],
          ),
        ];
        const check = await checkContactRows(rows);
        // The header is row 1 of the file, the first row of recipients row 2.
        const bad = body.flatMap((entry, index) => (entry.kind === "bad" ? [index + 2] : []));
        expect(check.rowCount).toBe(body.filter((entry) => entry.kind !== "blank").length);
        expect(check.errorRowCount).toBe(bad.length);
        expect(check.rowsInError.map((error) => error.rowNumber)).toEqual(bad.slice(0, 20));
        for (const error of check.rowsInError) {
          expect(error.cells).toEqual(rows[error.rowNumber - 1]);
          expect(error.cellErrors[0]).toEqual(expect.any(String));
        }
        if (check.rowCount > 0) expect(check.fileErrors).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });
});
