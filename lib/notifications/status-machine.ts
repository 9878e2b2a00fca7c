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

type Transition = {
  status: NotificationStatus;
  /** Narrower than the state machine allows, e.g. only from `created` when a worker claims a send. */
  onlyFrom?: readonly NotificationStatus[];
  /** Leave it alone if a provider reference is recorded (the provider told us it has the message). */
  onlyWithoutProviderReference?: boolean;
  reason?: string;
  providerName?: string;
  /** When it happened (a provider's event time); now by default. */
  at?: Date;
};

export type StatusUpdate = Transition & { notificationId: string; providerReference?: string };

export type StatusUpdateResult =
  { updated: false } | { updated: true; serviceId: string; from: NotificationStatus; final: boolean };

export type MovedNotification = { id: string; serviceId: string; from: NotificationStatus };

/**
 * Moves one notification to `status` if the state machine allows it from where it is now, and
 * records the change for its timeline. Returns `updated: false` when it is already past that point
 * (a duplicate or late event): the caller has nothing to do.
 */
export async function transitionStatus(client: DbClient, update: StatusUpdate): Promise<StatusUpdateResult> {
  const { notificationId, providerReference, ...transition } = update;
  const [moved] = await move(client, [notificationId], transition, providerReference ?? null);
  if (!moved) return { updated: false };
  return { updated: true, serviceId: moved.serviceId, from: moved.from, final: isFinalStatus(update.status) };
}

/**
 * The same move for many notifications in one statement (a worker claiming a batch of sends):
 * returns those that moved; the rest were already past that point.
 */
export async function transitionStatuses(
  client: DbClient,
  update: Transition & { notificationIds: string[] },
): Promise<MovedNotification[]> {
  const { notificationIds, ...transition } = update;
  return notificationIds.length === 0 ? [] : move(client, notificationIds, transition, null);
}

async function move(
  client: DbClient,
  ids: string[],
  transition: Transition,
  providerReference: string | null,
): Promise<MovedNotification[]> {
  const sources = (transition.onlyFrom ?? ALLOWED_SOURCES[transition.status]).filter((source) =>
    ALLOWED_SOURCES[transition.status].includes(source),
  );
  if (sources.length === 0) return [];
  const at = transition.at ?? new Date();
  const final = isFinalStatus(transition.status);
  const withoutReference = transition.onlyWithoutProviderReference === true;
  const status = statusName(transition.status);
  // One statement reads the old statuses, writes the new one and records the changes: the check
  // and the write cannot be split, and a status never changes without its row on the timeline.
  // Rows are locked in id order, so two batches over the same rows cannot deadlock.
  const rows = await client.$queryRaw<{ id: string; service_id: string; from_status: string }[]>`
    WITH previous AS (
      SELECT id, status, provider_reference FROM notifications
      WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE
    ), moved AS (
      UPDATE notifications AS n
      SET status = ${status}::notification_status,
          updated_at = now(),
          sent_at = CASE ${status} WHEN 'sending' THEN ${at} WHEN 'created' THEN NULL ELSE n.sent_at END,
          completed_at = CASE WHEN ${final} THEN ${at} ELSE n.completed_at END,
          provider_name = COALESCE(${transition.providerName ?? null}, n.provider_name),
          provider_reference = COALESCE(${providerReference}, n.provider_reference)
      FROM previous
      WHERE n.id = previous.id AND previous.status::text = ANY(${sources.map(statusName)}::text[])
        AND (NOT ${withoutReference} OR previous.provider_reference IS NULL)
      RETURNING n.id, n.service_id, previous.status AS from_status
    ), recorded AS (
      INSERT INTO notification_status_changes (id, notification_id, service_id, from_status, to_status, reason, occurred_at)
      SELECT gen_random_uuid(), id, service_id, from_status, ${status}::notification_status, ${transition.reason ?? null}, ${at}
      FROM moved
    )
    SELECT id, service_id, from_status::text AS from_status FROM moved`;
  return rows.map((row) => ({ id: row.id, serviceId: row.service_id, from: statusFromName(row.from_status) }));
}

export type ProviderReference = { notificationId: string; providerName: string; providerReference: string };

/**
 * Records providers' references once they are known, without touching the status. The first one
 * recorded stays: the worker's answer from the provider and the provider's own Send event carry
 * the same reference, in either order.
 */
export async function recordProviderReferences(client: DbClient, references: ProviderReference[]): Promise<void> {
  if (references.length === 0) return;
  await client.$executeRaw`
    UPDATE notifications AS n SET provider_name = r.provider_name, provider_reference = r.provider_reference
    FROM unnest(${references.map((r) => r.notificationId)}::uuid[], ${references.map((r) => r.providerName)}::text[],
                ${references.map((r) => r.providerReference)}::text[]) AS r(id, provider_name, provider_reference)
    WHERE n.id = r.id AND n.provider_reference IS NULL`;
}
