import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueue, PG_BOSS_SCHEMA } from "@/lib/queue/boss";
import { queues } from "@/lib/queue/queues";
import { deliveryQueueFor } from "./delivery-queue";

/** A notification normally leaves `created` within seconds of being due; after this long something lost its job. */
const REPLAY_CREATED_AFTER_MINUTES = 10;
const BATCH = 1000;
const jobTable = Prisma.raw(`"${PG_BOSS_SCHEMA}".job`);
const deliveryQueueNames = [
  queues.deliverEmail.name,
  queues.deliverSms.name,
  queues.deliverPriority.name,
  queues.deliverBulk.name,
];

/**
 * Gives a delivery job back to notifications that are still `created` well after they were due and
 * have no job left that could send them (its retries ran out on an error, or it was deleted), as
 * GOV.UK Notify's replay-created-notifications does. A job that is waiting, retrying or running
 * counts as live, so a notification is never given a second job while its first could still run;
 * and a second job would find it claimed anyway.
 */
export async function replayCreatedNotifications(): Promise<number> {
  const stranded = await db.$queryRaw<
    { id: string; notification_type: "email" | "sms"; process_type: "normal" | "priority"; bulk: boolean }[]
  >`
    SELECT n.id, n.notification_type::text AS notification_type, v.process_type::text AS process_type,
      (n.job_id IS NOT NULL OR n.campaign_id IS NOT NULL) AS bulk
    FROM notifications n
    JOIN template_versions v ON v.template_id = n.template_id AND v.version = n.template_version
    WHERE n.status = 'created'
      AND COALESCE(n.scheduled_for, n.created_at) < now() - make_interval(mins => ${REPLAY_CREATED_AFTER_MINUTES}::int)
      AND NOT EXISTS (
        SELECT 1 FROM ${jobTable} j
        WHERE j.name = ANY(${deliveryQueueNames}::text[])
          AND j.data->>'notificationId' = n.id::text
          AND j.state::text IN ('created', 'retry', 'active')
      )
    ORDER BY n.created_at LIMIT ${BATCH}`;
  for (const notification of stranded) {
    await enqueue(deliveryQueueFor(notification.notification_type, notification.process_type, notification.bulk), {
      notificationId: notification.id,
    });
  }
  return stranded.length;
}
