import "server-only";
import type { Prisma, SubscriberStatus } from "@/lib/generated/prisma/client";
import { INVALID_EMAIL_MESSAGE, normaliseEmailAddress, validateEmailAddress } from "@/lib/recipients/email";
import { RECIPIENT_COLUMN } from "@/lib/recipient-files/columns";
import { placeholderKey } from "@/lib/templates/placeholders";
import type { SubscriberRow } from "./store-subscribers";

const EMAIL_COLUMNS = ["email", placeholderKey(RECIPIENT_COLUMN.email)];

/**
 * The column of a row holding the address: "email" or "email address", whatever its case, spaces,
 * `_` and `-` (as a file of recipients names it, so that any email contact list can be copied in).
 */
export const isEmailColumn = (name: string) => EMAIL_COLUMNS.includes(placeholderKey(name));

/** The columns an export adds after the import's own (lib/mailing-lists/subscribers-csv.ts). */
export const EXPORT_STATUS_COLUMN = "status";
export const EXPORT_SINCE_COLUMN = "subscribed since (UTC)";
const STATUSES: readonly SubscriberStatus[] = ["subscribed", "unsubscribed", "bounced", "complained"];

/**
 * Whether a file's headings are an export's: then its status column says who has left the list, and
 * neither column is an attribute. A file of a sender's own may have a "status" attribute of its own.
 */
export const isExportHeader = (header: string[]) =>
  header.includes(EXPORT_STATUS_COLUMN) && header.includes(EXPORT_SINCE_COLUMN);

/**
 * One row of an export imported again: the person as parseSubscriberRow reads them, with the status
 * they had, so that someone who unsubscribed, bounced or complained is not emailed from the new list.
 */
export function parseExportedRow(row: Record<string, unknown>): SubscriberRow | { error: string } {
  const { [EXPORT_STATUS_COLUMN]: rawStatus, [EXPORT_SINCE_COLUMN]: _since, ...rest } = row;
  const status =
    String(rawStatus ?? "")
      .trim()
      .toLowerCase() || "subscribed";
  if (!STATUSES.includes(status as SubscriberStatus))
    return { error: "Status must be subscribed, unsubscribed, bounced or complained" };
  const parsed = parseSubscriberRow(rest);
  return "error" in parsed ? parsed : { ...parsed, status: status as SubscriberStatus };
}

/**
 * One subscriber from a row of an import (or a form): its address, its name, and every other
 * column as an attribute. Empty cells are left out, so they never overwrite what is stored.
 */
export function parseSubscriberRow(row: Record<string, unknown>): SubscriberRow | { error: string } {
  let email = "";
  let name: string | null = null;
  const attributes: Prisma.InputJsonObject = {};
  for (const [column, raw] of Object.entries(row)) {
    const value = raw === null || raw === undefined ? "" : String(raw).trim();
    const key = column.trim();
    if (isEmailColumn(key)) email = value;
    else if (key.toLowerCase() === "name") name = value || null;
    else if (key && value) (attributes as Record<string, string>)[key] = value.slice(0, 1000);
  }
  if (!email) return { error: "No email address" };
  const valid = validateEmailAddress(email);
  if (!valid) return { error: INVALID_EMAIL_MESSAGE };
  return { email: valid, normalisedEmail: normaliseEmailAddress(valid), name, attributes };
}
