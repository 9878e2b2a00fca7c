import "server-only";
import { db } from "@/lib/db";

/** How long events that matched no service are kept, for investigating them. */
const UNMATCHED_EVENT_DAYS = 7;
const BATCH = 5_000;

/**
 * Deletes raw provider events past their service's data retention (email events by the email
 * setting, SMS and inbound by the SMS one), in small batches so that a large backlog never holds
 * long locks. Returns how many were deleted.
 */
export async function deleteExpiredProviderEvents(now: Date = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db.$executeRaw`
      DELETE FROM provider_events WHERE id IN (
        SELECT event.id FROM provider_events AS event
        LEFT JOIN services AS service ON service.id = event.service_id
        WHERE event.received_at < ${now}::timestamptz - make_interval(days => CASE
          WHEN service.id IS NULL THEN ${UNMATCHED_EVENT_DAYS}
          WHEN event.source = 'ses' THEN service.email_retention_days
          ELSE service.sms_retention_days END)
        LIMIT ${BATCH})`;
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
