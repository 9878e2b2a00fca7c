import "server-only";
import { db } from "@/lib/db";
import { settleStuckNotification } from "./settle-stuck";

/** Providers keep trying for up to 72 hours; a message with no final receipt by then will not get one. */
const SENDING_TIMEOUT_HOURS = 72;
const BATCH = 1000;

/**
 * Marks notifications still `sending` or `pending` 72 hours after they were handed over as
 * temporary failures, and tells the service, as GOV.UK Notify's timeout-sending-notifications does.
 */
export async function timeOutStaleSends(): Promise<number> {
  const stale = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM notifications
    WHERE status IN ('sending', 'pending') AND COALESCE(sent_at, created_at) < now() - make_interval(hours => ${SENDING_TIMEOUT_HOURS}::int)
    LIMIT ${BATCH}`;
  let settled = 0;
  for (const { id } of stale) {
    if (
      await settleStuckNotification(id, {
        from: ["sending", "pending"],
        to: "temporary_failure",
        reason: `no final receipt within ${SENDING_TIMEOUT_HOURS} hours`,
      })
    )
      settled++;
  }
  return settled;
}
