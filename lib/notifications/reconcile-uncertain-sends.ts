import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/queue/boss";
import { deliveryQueueFor } from "./delivery-queue";
import { settleStuckNotification } from "./settle-stuck";
import { transitionStatus } from "./status-machine";
import { providersReportingEverySend } from "./unconfirmed-sends";

const BATCH = 500;

export type Reconciled = { settled: number; handedOverAgain: number };

/**
 * Deals with sends whose outcome is unknown: claimed (`sending`) but with no provider reference,
 * because the worker died or the call timed out after the provider may have accepted the message.
 * The provider's events (SES tags, SMS context) carry our id, so if it had the message a reference
 * or a receipt arrives within DELIVERY_RECONCILE_AFTER_MINUTES and the notification is no longer
 * matched here. What is still unknown then:
 * - from a provider that reports every message it accepts (SES publishing Send, End User Messaging
 *   publishing text events), was never accepted: it goes back to `created` with a new delivery
 *   job, in one transaction, so a crash loses nothing;
 * - from any other provider, becomes a technical failure. It is never sent again: a possible
 *   duplicate to a member of the public is worse than a failure the service can see.
 */
export async function reconcileUncertainSends(): Promise<Reconciled> {
  const minutes = config().DELIVERY_RECONCILE_AFTER_MINUTES;
  const reporting = providersReportingEverySend();
  const uncertain = await db.$queryRaw<
    { id: string; provider_name: string | null; type: "email" | "sms"; process_type: "normal" | "priority" }[]
  >`
    SELECT n.id, n.provider_name, n.notification_type::text AS type, v.process_type::text AS process_type
    FROM notifications n
    JOIN template_versions v ON v.template_id = n.template_id AND v.version = n.template_version
    WHERE n.status = 'sending' AND n.provider_reference IS NULL
      AND n.sent_at < now() - make_interval(mins => ${minutes}::int)
    ORDER BY n.sent_at LIMIT ${BATCH}`;
  const reconciled: Reconciled = { settled: 0, handedOverAgain: 0 };
  for (const { id, provider_name, type, process_type } of uncertain) {
    const provider = provider_name ?? "the provider";
    if (provider_name && reporting.includes(provider_name)) {
      if (
        await handOverAgain(
          id,
          type,
          process_type,
          `no event from ${provider} within ${minutes} minutes: it never accepted the message; handing it over again`,
        )
      )
        reconciled.handedOverAgain++;
      continue;
    }
    const reason = `no word from ${provider} within ${minutes} minutes of a send whose outcome was lost; not sent again in case it arrived`;
    if (
      await settleStuckNotification(id, {
        from: ["sending"],
        to: "technical_failure",
        reason,
        onlyWithoutProviderReference: true,
      })
    )
      reconciled.settled++;
  }
  return reconciled;
}

/** Back to `created` with a new delivery job, unless a reference or receipt arrived meanwhile (the row is locked first). */
async function handOverAgain(
  notificationId: string,
  type: "email" | "sms",
  processType: "normal" | "priority",
  reason: string,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const result = await transitionStatus(tx, {
      notificationId,
      status: "created",
      onlyFrom: ["sending"],
      onlyWithoutProviderReference: true,
      reason,
    });
    if (!result.updated) return false;
    await enqueue(deliveryQueueFor(type, processType), { notificationId }, { transaction: tx });
    return true;
  });
}
