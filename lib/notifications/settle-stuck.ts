import "server-only";
import { queueCallback } from "@/lib/callbacks/queue-callback";
import { db } from "@/lib/db";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";
import { transitionStatus } from "./status-machine";

export type StuckSettlement = {
  /** Only from these statuses: a receipt that moved it on meanwhile wins. */
  from: readonly NotificationStatus[];
  to: Extract<NotificationStatus, "technical_failure" | "temporary_failure">;
  reason: string;
  /** Leave it alone if a provider reference has been recorded (the provider told us it has the message). */
  onlyWithoutProviderReference?: boolean;
};

/**
 * Ends a notification the worker has given up waiting on, and queues the service's delivery-status
 * callback in the same transaction. The state machine locks the row before it checks it, so a
 * receipt or reference arriving at the same moment is either seen here or applied after, never lost.
 */
export async function settleStuckNotification(notificationId: string, settlement: StuckSettlement): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const result = await transitionStatus(tx, {
      notificationId,
      status: settlement.to,
      onlyFrom: settlement.from,
      onlyWithoutProviderReference: settlement.onlyWithoutProviderReference ?? false,
      reason: settlement.reason,
    });
    if (!result.updated) return false;
    await queueCallback(tx, result.serviceId, "delivery_status", notificationId);
    return true;
  });
}
