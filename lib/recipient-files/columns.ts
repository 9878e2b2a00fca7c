import "server-only";
import type { NotificationType } from "@/lib/generated/prisma/enums";
import { placeholderKey } from "@/lib/templates/placeholders";

/** The recipient column of each channel, as Notify names it. */
export const RECIPIENT_COLUMN: Record<NotificationType, string> = { email: "email address", sms: "phone number" };

export type ColumnPlan = {
  columns: string[];
  /** Index of the recipient column, or -1. */
  recipientIndex: number;
  /** Each placeholder of the template (as written there) and the index of its column. */
  placeholderIndexes: Map<string, number>;
  /** What makes the whole file unusable: no recipient column, two of them, placeholders without a column. */
  errors: string[];
};

/**
 * Reads a header row: finds the recipient column and a column for each placeholder, matching names
 * whatever their case, spaces, `_` and `-` (Notify's rule), and says what is missing.
 */
export function planColumns(header: string[], type: NotificationType, placeholders: string[]): ColumnPlan {
  const columns = header.map((name) => name.trim());
  const keys = columns.map((name) => placeholderKey(name));
  const recipientKey = placeholderKey(RECIPIENT_COLUMN[type]);
  const recipientIndexes = keys.flatMap((key, index) => (key === recipientKey ? [index] : []));
  const errors: string[] = [];
  if (recipientIndexes.length === 0) errors.push(`Your file needs a column called ‘${RECIPIENT_COLUMN[type]}’.`);
  if (recipientIndexes.length > 1)
    errors.push(
      `Your file has more than one column called ‘${RECIPIENT_COLUMN[type]}’ (${recipientIndexes
        .map((index) => `‘${columns[index]}’`)
        .join(", ")}). Delete or rename one of them.`,
    );
  const placeholderIndexes = new Map<string, number>();
  const missing: string[] = [];
  for (const name of placeholders) {
    const index = keys.indexOf(placeholderKey(name));
    if (index === -1 || index === recipientIndexes[0]) {
      if (placeholderKey(name) !== recipientKey) missing.push(name);
    } else placeholderIndexes.set(name, index);
  }
  if (missing.length > 0)
    errors.push(
      `Your file is missing ${missing.length === 1 ? "a column" : "columns"} called ${missing
        .map((name) => `‘${name}’`)
        .join(", ")}, for the template’s placeholders.`,
    );
  return {
    columns,
    recipientIndex: recipientIndexes.length === 1 ? recipientIndexes[0]! : -1,
    placeholderIndexes,
    errors,
  };
}

export type RecipientRow = {
  /** The row's number in the spreadsheet (the header is row 1). */
  rowNumber: number;
  recipient: string;
  /** Every column but the recipient's, by its header, as Notify passes them. */
  personalisation: Record<string, string>;
  /** A campaign's recipient: their one-click unsubscribe link, sent as List-Unsubscribe headers. */
  unsubscribeUrl?: string;
};

/** A data row as a recipient and personalisation, by the plan of its file. */
export function recipientRowOf(plan: ColumnPlan, cells: string[], rowNumber: number): RecipientRow {
  const personalisation: Record<string, string> = {};
  plan.columns.forEach((name, index) => {
    if (index !== plan.recipientIndex && name) personalisation[name] = (cells[index] ?? "").trim();
  });
  return { rowNumber, recipient: (cells[plan.recipientIndex] ?? "").trim(), personalisation };
}

export const isEmptyRow = (cells: string[]) => cells.every((cell) => cell.trim() === "");
