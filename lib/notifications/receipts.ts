import { queueCallback } from "@/lib/callbacks/queue-callback";
import { db } from "@/lib/db";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";
import { transitionStatus } from "./status";

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
      ? await db.notification.findFirst({ where: { providerReference: receipt.providerReference }, select: { id: true } })
      : null;
  if (!found) return "unknown-notification";
  return db.$transaction(async (tx) => {
    const result = await transitionStatus(tx, {
      notificationId: found.id,
      status: receipt.status,
      reason: receipt.reason,
      ...(receipt.providerReference ? { providerReference: receipt.providerReference } : {}),
      ...(receipt.at ? { at: receipt.at } : {}),
    });
    if (!result.updated) return "ignored";
    if (result.final) await queueCallback(tx, result.serviceId, "delivery_status", found.id);
    return "applied";
  });
}
