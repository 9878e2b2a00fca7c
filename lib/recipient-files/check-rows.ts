import "server-only";
import { AppError, isAppError } from "@/lib/errors";
import type { KeyType, NotificationType } from "@/lib/generated/prisma/enums";
import { messagesLeftToday } from "@/lib/limits/daily-message-limit";
import { teamAndGuestListRecipients } from "@/lib/notifications/allowed-recipients";
import { resolveRecipient } from "@/lib/notifications/resolve-recipient";
import { checkNotification, resolveSenders } from "@/lib/notifications/send-notification";
import type { SendingService } from "@/lib/services/sending-service";
import { suppressedAmong, suppressedRecipientMessage } from "@/lib/suppression/suppression-list";
import { placeholderNames } from "@/lib/templates/placeholders";
import type { TemplateVersionRecord } from "@/lib/templates/queries";
import { isEmptyRow, planColumns, recipientRowOf, RECIPIENT_COLUMN, type ColumnPlan } from "./columns";
import { SpreadsheetError } from "./spreadsheet-error";

/** Beyond GOV.UK Notify's 100,000 rows and 10 MB, whose users hit that wall. */
export const MAX_ROWS = 1_000_000;
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
const FIRST_ROWS_SHOWN = 10;
const ROWS_IN_ERROR_SHOWN = 20;
/** Rows checked together: one suppression-list query and one progress write each. */
const CHUNK = 2_000;

export type RowInError = {
  rowNumber: number;
  cells: string[];
  /** Beside each cell: why it is wrong, or null. */
  cellErrors: (string | null)[];
  /** What is wrong with the row as a whole (the message it makes). */
  rowError: string | null;
};

export type FileCheck = {
  columns: string[];
  recipientColumn: string | null;
  rowCount: number;
  fileErrors: string[];
  rowsInError: RowInError[];
  errorRowCount: number;
  previewRows: { rowNumber: number; cells: string[] }[];
};

export type CheckTarget = {
  service: SendingService;
  type: NotificationType;
  /** The template the rows fill; null checks recipients only (a contact list). */
  template: TemplateVersionRecord | null;
  keyType?: KeyType;
};

/**
 * Checks every row of a spreadsheet by the rules a send from the API follows (the same
 * prepareNotification, with the trial-mode team and guest list read once and the suppression list
 * asked once per chunk of rows), and the file-wide ones: a recipient column, a column per
 * placeholder, at most MAX_ROWS rows, no more than the service can still send today. Reads the rows
 * as they stream; `onProgress` hears the rows read so far. Every error is collected; any blocks the send.
 */
export async function checkRecipientRows(
  target: CheckTarget,
  rows: AsyncIterable<string[]>,
  onProgress: (rowsChecked: number) => Promise<void> = async () => {},
  maxRows = MAX_ROWS,
): Promise<FileCheck> {
  const result: FileCheck = {
    columns: [],
    recipientColumn: null,
    rowCount: 0,
    fileErrors: [],
    rowsInError: [],
    errorRowCount: 0,
    previewRows: [],
  };
  const checker = await rowChecker(target);
  let plan: ColumnPlan | null = null;
  let lineNumber = 0;
  let chunk: { rowNumber: number; cells: string[] }[] = [];
  let countable = 0;

  const checkChunk = async () => {
    if (!plan || chunk.length === 0) return;
    const outcomes = await checker.check(plan, chunk);
    for (const outcome of outcomes) {
      if (outcome.countsTowardLimit) countable++;
      if (outcome.error) {
        result.errorRowCount++;
        if (result.rowsInError.length < ROWS_IN_ERROR_SHOWN) result.rowsInError.push(outcome.error);
      } else if (result.previewRows.length < FIRST_ROWS_SHOWN) result.previewRows.push(outcome.row);
    }
    chunk = [];
    await onProgress(result.rowCount);
  };

  try {
    for await (const cells of rows) {
      lineNumber++;
      if (!plan) {
        if (isEmptyRow(cells)) continue;
        if (lineNumber > 1) {
          result.fileErrors.push("The first row of your file must be its column headings, and it is empty.");
          return result;
        }
        plan = planColumns(cells, target.type, checker.placeholders);
        result.columns = plan.columns;
        result.recipientColumn = plan.recipientIndex >= 0 ? plan.columns[plan.recipientIndex]! : null;
        if (plan.errors.length > 0) {
          result.fileErrors.push(...plan.errors);
          return result;
        }
        continue;
      }
      if (isEmptyRow(cells)) continue;
      if (++result.rowCount > maxRows) {
        result.rowCount = maxRows;
        result.fileErrors.push(
          `Your file has more than ${maxRows.toLocaleString("en-GB")} rows. Split it into files of up to ${maxRows.toLocaleString("en-GB")} rows.`,
        );
        return result;
      }
      chunk.push({ rowNumber: lineNumber, cells });
      if (chunk.length >= CHUNK) await checkChunk();
    }
    await checkChunk();
  } catch (error) {
    if (error instanceof SpreadsheetError) {
      result.fileErrors.push(error.message);
      return result;
    }
    throw error;
  }

  if (!plan) result.fileErrors.push("The file is empty.");
  else if (result.rowCount === 0) result.fileErrors.push("Your file has column headings but no rows of recipients.");
  else if (target.template) {
    const left = await messagesLeftToday(target.service, target.type);
    if (countable > left)
      result.fileErrors.push(
        `You can only send ${left.toLocaleString("en-GB")} more ${target.type === "email" ? "emails" : "text messages"} today, and your file has ${countable.toLocaleString("en-GB")} rows that count towards that limit.`,
      );
  }
  return result;
}

type RowOutcome = {
  row: { rowNumber: number; cells: string[] };
  error: RowInError | null;
  countsTowardLimit: boolean;
};

async function rowChecker(target: CheckTarget) {
  const { service, type, template } = target;
  const keyType = target.keyType ?? "normal";
  const placeholders = template ? placeholderNames(template.subject, template.content) : [];
  const allowed =
    template && (service.trialMode || keyType === "team") ? await teamAndGuestListRecipients(service.id, type) : null;
  const context = { service, keyType };
  const sender = template ? await resolveSenders(service.id, { type }) : null;
  // Made once, not for each of a million rows.
  const options = {
    ...(sender ? { sender } : {}),
    ...(allowed ? { isAllowedRecipient: (to: string) => allowed.has(to) } : {}),
  };

  const checkOne = async (plan: ColumnPlan, rowNumber: number, cells: string[]) => {
    const cellErrors: (string | null)[] = plan.columns.map(() => null);
    let rowError: string | null = null;
    for (const [, index] of plan.placeholderIndexes) if (!(cells[index] ?? "").trim()) cellErrors[index] = "Missing";
    const { recipient, personalisation } = recipientRowOf(plan, cells, rowNumber);
    let normalised: string | null = null;
    let countsTowardLimit = false;
    try {
      if (!recipient) throw new AppError("validation", "Missing");
      if (template) {
        const checked = await checkNotification(
          context,
          { type, templateId: template.templateId, recipient, personalisation },
          { template, checkSuppressionNow: false, ...options },
        );
        countsTowardLimit = checked.countsTowardLimit;
        normalised = checked.countsTowardLimit ? checked.recipient.normalised : null;
      } else {
        const resolved = resolveRecipient(type, recipient);
        normalised = resolved.simulated ? null : resolved.normalised;
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
      const reason = reasonFor(error, type);
      if (reason.cell) cellErrors[plan.recipientIndex] = reason.text;
      else rowError = reason.text;
    }
    return { cellErrors, rowError, normalised, countsTowardLimit };
  };

  return {
    placeholders,
    async check(plan: ColumnPlan, rows: { rowNumber: number; cells: string[] }[]): Promise<RowOutcome[]> {
      const checked = [];
      for (const row of rows) checked.push({ row, ...(await checkOne(plan, row.rowNumber, row.cells)) });
      const suppressed = await suppressedAmong(
        service.id,
        type,
        checked.flatMap((entry) => (entry.normalised ? [entry.normalised] : [])),
      );
      return checked.map(({ row, cellErrors, rowError, normalised, countsTowardLimit }) => {
        const suppression = normalised ? suppressed.get(normalised) : undefined;
        if (suppression && !cellErrors[plan.recipientIndex])
          cellErrors[plan.recipientIndex] = suppressedRecipientMessage(suppression);
        const inError = rowError !== null || cellErrors.some((reason) => reason !== null);
        return {
          row,
          countsTowardLimit,
          error: inError
            ? {
                rowNumber: row.rowNumber,
                cells: plan.columns.map((_, index) => row.cells[index] ?? ""),
                cellErrors,
                rowError,
              }
            : null,
        };
      });
    },
  };
}

/** Says in plain words what is wrong, beside the recipient's cell or for the row as a whole. */
export function reasonFor(error: AppError, type: NotificationType): { cell: boolean; text: string } {
  const fieldMessage = error.fieldErrors.email_address ?? error.fieldErrors.phone_number;
  if (fieldMessage) {
    const text = fieldMessage.replace(/^(email_address|phone_number) /, "");
    return { cell: true, text: text.charAt(0).toUpperCase() + text.slice(1) };
  }
  if (error.message === "Missing") return { cell: true, text: `Missing ${RECIPIENT_COLUMN[type]}` };
  if (error.message.includes("trial mode"))
    return {
      cell: true,
      text: "Your service is in trial mode: you can only send to members of your team and your guest list",
    };
  if (error.message.includes("team-only")) return { cell: true, text: "A team key can only send to your team" };
  if (error.message.includes("international"))
    return { cell: true, text: "Your service cannot send to international phone numbers" };
  return { cell: false, text: error.message };
}
