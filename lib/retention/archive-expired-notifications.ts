import "server-only";
import { db } from "@/lib/db";

const BATCH = 5_000;
// Still being delivered: the sweepers settle these (72 hours at most), retention waits for them.
const UNSETTLED = ["created", "sending", "pending"];

/**
 * Moves notifications past their service's retention for their channel to notification_history,
 * which keeps what usage and rates need but no recipient, personalisation or content, and deletes
 * them (their status timeline and engagement go with them). Texts received follow the SMS
 * retention, and a job's refused rows lose their recipient. Works in batches so that a large backlog never holds long locks. Returns the counts.
 */
export async function archiveExpiredNotifications(
  now: Date = new Date(),
): Promise<{ notifications: number; inboundSms: number }> {
  let notifications = 0;
  for (;;) {
    const moved = await db.$executeRaw`
      WITH expired AS (
        SELECT n.id FROM notifications AS n JOIN services AS s ON s.id = n.service_id
        WHERE n.status::text <> ALL(${UNSETTLED}::text[])
          AND n.created_at < ${now}::timestamptz - make_interval(days => CASE n.notification_type WHEN 'email' THEN s.email_retention_days ELSE s.sms_retention_days END)
        LIMIT ${BATCH}
      ),
      archived AS (
        INSERT INTO notification_history (id, service_id, template_id, template_version, notification_type, status, client_reference, api_key_id, key_type,
          created_by_id, job_id, job_row_number, campaign_id, billable_units, international, scheduled_for, provider_name, provider_reference, created_at, sent_at, completed_at, updated_at)
        SELECT id, service_id, template_id, template_version, notification_type, status, client_reference, api_key_id, key_type,
          created_by_id, job_id, job_row_number, campaign_id, billable_units, international, scheduled_for, provider_name, provider_reference, created_at, sent_at, completed_at, updated_at
        FROM notifications WHERE id IN (SELECT id FROM expired)
        ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, completed_at = EXCLUDED.completed_at, updated_at = EXCLUDED.updated_at
      )
      DELETE FROM notifications WHERE id IN (SELECT id FROM expired)`;
    notifications += moved;
    if (moved < BATCH) break;
  }
  // A job's refused rows keep their recipient no longer than its notifications do.
  await db.$executeRaw`
    UPDATE job_refused_rows AS r SET recipient = NULL FROM jobs AS j JOIN services AS s ON s.id = j.service_id
    WHERE j.id = r.job_id AND r.recipient IS NOT NULL
      AND r.refused_at < ${now}::timestamptz - make_interval(days => CASE j.notification_type WHEN 'email' THEN s.email_retention_days ELSE s.sms_retention_days END)`;
  const inboundSms = await db.$executeRaw`
    DELETE FROM inbound_sms AS message USING services AS s
    WHERE s.id = message.service_id AND message.created_at < ${now}::timestamptz - make_interval(days => s.sms_retention_days)`;
  return { notifications, inboundSms };
}
