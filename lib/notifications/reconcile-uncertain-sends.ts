import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { settleStuckNotification } from "./settle-stuck";

const BATCH = 500;

/**
 * Settles sends whose outcome is unknown: claimed (`sending`) but with no provider reference, because
 * the worker died or the call timed out after the provider may have accepted the message. The
 * provider's events (SES tags, SMS context) carry our id, so if it had the message a reference or a
 * receipt arrives within DELIVERY_RECONCILE_AFTER_MINUTES and the notification is no longer matched
 * here. Whatever is still unknown then becomes a technical failure. It is never sent again: a
 * possible duplicate to a member of the public is worse than a failure the service can see.
 */
export async function reconcileUncertainSends(): Promise<number> {
  const minutes = config().DELIVERY_RECONCILE_AFTER_MINUTES;
  const uncertain = await db.$queryRaw<{ id: string; provider_name: string | null }[]>`
    SELECT id, provider_name FROM notifications
    WHERE status = 'sending' AND provider_reference IS NULL AND sent_at < now() - make_interval(mins => ${minutes}::int)
    ORDER BY sent_at LIMIT ${BATCH}`;
  let settled = 0;
  for (const { id, provider_name } of uncertain) {
    const reason = `no word from ${provider_name ?? "the provider"} within ${minutes} minutes of a send whose outcome was lost; not sent again in case it arrived`;
    if (
      await settleStuckNotification(id, {
        from: ["sending"],
        to: "technical_failure",
        reason,
        onlyWithoutProviderReference: true,
      })
    )
      settled++;
  }
  return settled;
}
