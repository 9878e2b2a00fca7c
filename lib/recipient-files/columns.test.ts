import { describe, expect, it } from "vitest";
import { isEmptyRow, planColumns, recipientRowOf } from "./columns";

describe("planColumns", () => {
  it("finds the recipient and placeholder columns whatever their case, spaces, _ and -", () => {
    const plan = planColumns([" Email_Address ", "First-Name", "REFERENCE", "notes"], "email", [
      "first name",
      "reference",
    ]);
    expect(plan.errors).toEqual([]);
    expect(plan.recipientIndex).toBe(0);
    expect([...plan.placeholderIndexes]).toEqual([
      ["first name", 1],
      ["reference", 2],
    ]);
    expect(recipientRowOf(plan, [" a@example.com ", "Ada", "R1", "x"], 2)).toEqual({
      rowNumber: 2,
      recipient: "a@example.com",
      personalisation: { "First-Name": "Ada", REFERENCE: "R1", notes: "x" },
    });
  });

  it("says what is missing or doubled", () => {
    expect(planColumns(["name"], "sms", ["name"]).errors).toEqual(["Your file needs a column called ‘phone number’."]);
    expect(planColumns(["phone number", "Phone_Number"], "sms", []).errors[0]).toContain("more than one column");
    expect(planColumns(["email address"], "email", ["name", "date"]).errors).toEqual([
      "Your file is missing columns called ‘name’, ‘date’, for the template’s placeholders.",
    ]);
  });

  it("treats a row of blank cells as empty", () => {
    expect(isEmptyRow(["", "  ", ""])).toBe(true);
    expect(isEmptyRow(["", "x"])).toBe(false);
  });
});
