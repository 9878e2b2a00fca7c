import "server-only";
import type { DbClient } from "@/lib/db";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";
import { statusFromName, statusName } from "@/lib/notify-format/status-names";

/**
 * The notification state machine, in one place: every change of a notification's status and every
 * write of its provider reference goes through this file (tests/integration/status-writes.test.ts
 * fails if anything in lib/ writes them elsewhere). Every transition is one conditional UPDATE
 * (`WHERE status IN (allowed sources)`), so concurrent workers and out-of-order receipts can never
 * take a notification backwards or out of a final state: a late Delivery cannot override a Bounce,
 * a late Send cannot undo "delivered".
 */
const FINAL_STATUSES: readonly NotificationStatus[] = [
  "delivered",
  "permanent_failure",
  "temporary_failure",
  "technical_failure",
  "cancelled",
];

const ALLOWED_SOURCES: Record<NotificationStatus, readonly NotificationStatus[]> = {
  // Back from `sending` only when the provider refused the message before accepting it (throttled,
  // a 5xx), so that the retry can claim it again; callers pass `onlyWithoutProviderReference`, since
  // a message the provider holds must never be claimed a second time.
  created: ["sending"],
  sending: ["created"],
  pending: ["created", "sending"],
  // International messages to networks that give no receipts; a receipt may still follow.
  sent: ["created", "sending", "pending"],
  delivered: ["created", "sending", "pending", "sent"],
  permanent_failure: ["created", "sending", "pending", "sent"],
  temporary_failure: ["created", "sending", "pending", "sent"],
  technical_failure: ["created", "sending", "pending"],
  cancelled: ["created"],
};

const isFinalStatus = (status: NotificationStatus) => FINAL_STATUSES.includes(status);

export type StatusUpdate = {
  notificationId: string;
  status: NotificationStatus;
  /** Narrower than the state machine allows, e.g. only from `created` when a worker claims a send. */
  onlyFrom?: readonly NotificationStatus[];
  /** Leave it alone if a provider reference is recorded (the provider told us it has the message). */
  onlyWithoutProviderReference?: boolean;
  reason?: string;
  providerName?: string;
  providerReference?: string;
  /** When it happened (a provider's event time); now by default. */
  at?: Date;
};

export type StatusUpdateResult =
  { updated: false } | { updated: true; serviceId: string; from: NotificationStatus; final: boolean };

/**
 * Moves one notification to `status` if the state machine allows it from where it is now, and
 * records the change for its timeline. Returns `updated: false` when it is already past that point
 * (a duplicate or late event): the caller has nothing to do.
 */
export async function transitionStatus(client: DbClient, update: StatusUpdate): Promise<StatusUpdateResult> {
  const sources = (update.onlyFrom ?? ALLOWED_SOURCES[update.status]).filter((source) =>
    ALLOWED_SOURCES[update.status].includes(source),
  );
  if (sources.length === 0) return { updated: false };
  const at = update.at ?? new Date();
  const final = isFinalStatus(update.status);
  const withoutReference = update.onlyWithoutProviderReference === true;
  // One statement reads the old status, writes the new one and records the change: the check and
  // the write cannot be split, and a status never changes without its row on the timeline.
  const rows = await client.$queryRaw<{ service_id: string; from_status: string }[]>`
    WITH moved AS (
      UPDATE notifications AS n
      SET status = ${statusName(update.status)}::notification_status,
          updated_at = now(),
          sent_at = CASE ${update.status} WHEN 'sending' THEN ${at} WHEN 'created' THEN NULL ELSE n.sent_at END,
          completed_at = CASE WHEN ${final} THEN ${at} ELSE n.completed_at END,
          provider_name = COALESCE(${update.providerName ?? null}, n.provider_name),
          provider_reference = COALESCE(${update.providerReference ?? null}, n.provider_reference)
      FROM (SELECT id, status, provider_reference FROM notifications WHERE id = ${update.notificationId}::uuid FOR UPDATE) AS previous
      WHERE n.id = previous.id AND previous.status::text = ANY(${sources.map(statusName)}::text[])
        AND (NOT ${withoutReference} OR previous.provider_reference IS NULL)
      RETURNING n.id, n.service_id, previous.status AS from_status
    ), recorded AS (
      INSERT INTO notification_status_changes (id, notification_id, service_id, from_status, to_status, reason, occurred_at)
      SELECT gen_random_uuid(), id, service_id, from_status, ${statusName(update.status)}::notification_status, ${update.reason ?? null}, ${at}
      FROM moved
    )
    SELECT service_id, from_status::text AS from_status FROM moved`;
  const row = rows[0];
  if (!row) return { updated: false };
  return { updated: true, serviceId: row.service_id, from: statusFromName(row.from_status), final };
}

export type ProviderReference = { notificationId: string; providerName: string; providerReference: string };

/**
 * Records the provider's reference once it is known, without touching the status. The first one
 * recorded stays: the worker's answer from the provider and the provider's own Send event carry
 * the same reference, in either order.
 */
export async function recordProviderReference(client: DbClient, reference: ProviderReference): Promise<void> {
  await client.notification.updateMany({
    where: { id: reference.notificationId, providerReference: null },
    data: { providerName: reference.providerName, providerReference: reference.providerReference },
  });
}
