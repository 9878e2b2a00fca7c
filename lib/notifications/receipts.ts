import "server-only";
import { queueCallback } from "@/lib/callbacks/queue-callback";
import { db, type DbTransaction } from "@/lib/db";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";
import { transitionStatus } from "./status-machine";

export type Receipt = {
  /** Our id, when the provider echoes it (SES tags, SMS context); otherwise matched by reference. */
  notificationId?: string | null;
  providerReference?: string | null;
  status: NotificationStatus;
  reason: string;
  at?: Date;
};

export type ReceiptOutcome = "applied" | "ignored" | "unknown-notification";

/**
 * What a provider reported about a message, applied to its notification: the one path every
 * receipt takes, real or simulated. Duplicates and late arrivals are ignored by the state machine;
 * a final status queues the service's delivery-status callback in the same transaction.
 */
export async function applyReceipt(receipt: Receipt): Promise<ReceiptOutcome> {
  const found = receipt.notificationId
    ? await db.notification.findUnique({ where: { id: receipt.notificationId }, select: { id: true } })
    : receipt.providerReference
      ? await db.notification.findFirst({
          where: { providerReference: receipt.providerReference },
          select: { id: true },
        })
      : null;
  if (!found) return "unknown-notification";
  return db.$transaction((tx) => applyReceiptTo(tx, found.id, receipt));
}

/** As applyReceipt, for a notification already found, inside the caller's transaction. */
export async function applyReceiptTo(
  tx: DbTransaction,
  notificationId: string,
  receipt: Omit<Receipt, "notificationId">,
): Promise<"applied" | "ignored"> {
  const result = await transitionStatus(tx, {
    notificationId,
    status: receipt.status,
    reason: receipt.reason,
    ...(receipt.providerReference ? { providerReference: receipt.providerReference } : {}),
    ...(receipt.at ? { at: receipt.at } : {}),
  });
  if (!result.updated) return "ignored";
  if (result.final) await queueCallback(tx, result.serviceId, "delivery_status", notificationId);
  return "applied";
}
