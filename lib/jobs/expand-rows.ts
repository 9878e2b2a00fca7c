import "server-only";
import { isAppError } from "@/lib/errors";
import type { KeyType, NotificationType } from "@/lib/generated/prisma/enums";
import { reserveDailyMessages } from "@/lib/limits/daily-message-limit";
import { teamAndGuestListRecipients } from "@/lib/notifications/allowed-recipients";
import { prepareNotification, resolveSenders, type PreparedNotification } from "@/lib/notifications/send-notification";
import { storeAcceptedBatch } from "@/lib/notifications/store-accepted";
import { reasonFor } from "@/lib/recipient-files/check-rows";
import { inBatches, type RecipientRow, type RecipientSource } from "@/lib/recipient-files/recipient-source";
import type { SendingService } from "@/lib/services/sending-service";
import { suppressedAmong, suppressedRecipientMessage } from "@/lib/suppression/suppression-list";
import type { TemplateVersionRecord } from "@/lib/templates/queries";

/**
 * Rows stored per transaction. Notify shatters 32 rows a task; a few hundred share one commit and
 * its round trips while keeping each transaction (and a crashed worker's redo) short.
 * bench/bulk.ts measures the expansion rate at this size (100,000 rows in 16 s on 2 cores).
 */
const EXPAND_BATCH_SIZE = 500;

export type Expansion = {
  service: SendingService;
  template: TemplateVersionRecord;
  type: NotificationType;
  keyType: KeyType;
  apiKeyId?: string | null;
  createdById?: string | null;
  clientReference?: string | null;
  senderId?: string | null;
  /** What each notification is tagged with: its job and row number (or a campaign's id and row number). */
  tag: (row: RecipientRow) => { jobId?: string; campaignId?: string; jobRowNumber: number };
  /**
   * SQL run in the transaction that stores each batch, given the batch's first and last row numbers
   * and how many rows it had: it moves the owner's resume point, so that rows and resume point
   * commit together and a rerun after a crash starts exactly after the last stored row.
   */
  resumeStatement: (batch: { firstRow: number; lastRow: number; rows: number }) => string;
  /**
   * SQL run in the same transaction, given each row of the batch with why it was refused, or null
   * for a row handed on to be stored: it records the refused rows (a job's report gives them a line).
   * A row handed on but not stored was suppressed between the lookup here and the store.
   * Given, the suppression list is also looked up first, so that a suppressed row's reason is known.
   */
  refusedStatement?: (rows: BatchRow[]) => string;
  /** Stops between batches (the job was cancelled, the worker is stopping). */
  shouldStop?: () => Promise<boolean> | boolean;
  batchSize?: number;
};

export type ExpansionOutcome = "finished" | "stopped";

export type BatchRow = { rowNumber: number; recipient: string; reason: string | null };

/**
 * The job engine: reads a recipient source from its resume point and accepts its rows in batches
 * through the API's own accept path (prepareNotification's rules and rendering, the daily limit,
 * storeAcceptedBatch's suppression check and delivery jobs, in one transaction per batch with the
 * resume point). Rows the rules refuse are skipped (the owner counts them from its resume statement).
 * Throws the daily limit's AppError when the service runs out of messages for today.
 */
export async function expandRows(
  source: RecipientSource,
  afterRow: number,
  expansion: Expansion,
): Promise<ExpansionOutcome> {
  const { service, template, type } = expansion;
  const allowed =
    service.trialMode || expansion.keyType === "team" ? await teamAndGuestListRecipients(service.id, type) : null;
  const senderChoice =
    type === "email" ? { emailReplyToId: expansion.senderId ?? null } : { smsSenderId: expansion.senderId ?? null };
  const sender = await resolveSenders(service.id, { type, ...senderChoice });
  const context = {
    service,
    keyType: expansion.keyType,
    apiKeyId: expansion.apiKeyId ?? null,
    createdById: expansion.createdById ?? null,
  };
  for await (const batch of inBatches(source.rows(afterRow), expansion.batchSize ?? EXPAND_BATCH_SIZE)) {
    if (await expansion.shouldStop?.()) return "stopped";
    const prepared: PreparedNotification[] = [];
    const outcomes: BatchRow[] = [];
    for (const row of batch) {
      const outcome: BatchRow = { rowNumber: row.rowNumber, recipient: row.recipient, reason: null };
      outcomes.push(outcome);
      try {
        const notification = await prepareNotification(
          context,
          {
            type,
            templateId: template.templateId,
            recipient: row.recipient,
            personalisation: row.personalisation,
            reference: expansion.clientReference ?? null,
            unsubscribeUrl: row.unsubscribeUrl ?? null,
            ...senderChoice,
          },
          {
            template,
            sender,
            checkSuppressionNow: false,
            bulk: true,
            ...(allowed ? { isAllowedRecipient: (to: string) => allowed.has(to) } : {}),
          },
        );
        const tag = expansion.tag(row);
        notification.row.jobId = tag.jobId ?? null;
        notification.row.campaignId = tag.campaignId ?? null;
        notification.row.jobRowNumber = tag.jobRowNumber;
        prepared.push(notification);
      } catch (error) {
        if (!isAppError(error)) throw error;
        outcome.reason = reasonFor(error, type).text;
      }
    }
    if (expansion.refusedStatement) await refuseSuppressed(service.id, type, prepared, outcomes);
    const countable = prepared.filter((notification) => notification.countsTowardLimit).length;
    const reservation = countable > 0 ? await reserveDailyMessages(service, type, countable) : null;
    try {
      await storeAcceptedBatch(
        prepared.map((notification) => ({ data: notification.row, queue: notification.queue })),
        [
          ...(expansion.refusedStatement ? [expansion.refusedStatement(outcomes)] : []),
          expansion.resumeStatement({
            firstRow: batch[0]!.rowNumber,
            lastRow: batch.at(-1)!.rowNumber,
            rows: batch.length,
          }),
        ],
      );
    } catch (error) {
      await reservation?.release();
      throw error;
    }
  }
  return "finished";
}

/**
 * Takes out of `prepared` the rows whose recipient was added to the suppression list since the file
 * was checked, giving each the reason in `outcomes`.
 */
async function refuseSuppressed(
  serviceId: string,
  type: NotificationType,
  prepared: PreparedNotification[],
  outcomes: BatchRow[],
): Promise<void> {
  const checked = prepared.filter((notification) => notification.row.refuseIfSuppressed);
  const suppressed = await suppressedAmong(
    serviceId,
    type,
    checked.map((notification) => notification.row.normalisedRecipient),
  );
  if (suppressed.size === 0) return;
  const byRow = new Map(outcomes.map((outcome) => [outcome.rowNumber, outcome]));
  const kept = prepared.filter((notification) => {
    const entry = notification.row.refuseIfSuppressed && suppressed.get(notification.row.normalisedRecipient);
    if (!entry) return true;
    byRow.get(notification.row.jobRowNumber!)!.reason = suppressedRecipientMessage(entry);
    return false;
  });
  prepared.splice(0, prepared.length, ...kept);
}
