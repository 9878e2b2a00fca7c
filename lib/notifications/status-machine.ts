import "server-only";
import type { DbClient } from "@/lib/db";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";
import { metrics } from "@/lib/metrics/metrics";
import { statusFromName, statusName } from "@/lib/notify-format/status-names";

/**
 * The notification state machine, in one place: every change of a notification's status and every
 * write of its provider reference goes through this file (tests/conventions/status-writes.test.ts
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
  const [moved] = await applyStatusChanges(client, [update]);
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
  return applyStatusChanges(
    client,
    notificationIds.map((notificationId) => ({ ...transition, notificationId })),
  );
}

export type StatusChangeResult = MovedNotification & { to: NotificationStatus; final: boolean };

/**
 * Moves each notification to its own status, where the state machine allows it, in one statement
 * (the worker applying a batch of providers' events). A notification may appear once per call.
 */
export async function applyStatusChanges(client: DbClient, updates: StatusUpdate[]): Promise<StatusChangeResult[]> {
  const changes = updates.flatMap((update) => {
    const sources = (update.onlyFrom ?? ALLOWED_SOURCES[update.status]).filter((source) =>
      ALLOWED_SOURCES[update.status].includes(source),
    );
    return sources.length === 0 ? [] : [{ ...update, sources: sources.map(statusName).join(",") }];
  });
  if (changes.length === 0) return [];
  const now = new Date();
  const column = <Value>(value: (change: (typeof changes)[number]) => Value) => changes.map(value);
  // One statement reads the old statuses, writes the new ones and records the changes: the check
  // and the write cannot be split, and a status never changes without its row on the timeline.
  // Rows are locked in id order, so two batches over the same rows cannot deadlock.
  const rows = await client.$queryRaw<
    { id: string; service_id: string; channel: string; from_status: string; to_status: string }[]
  >`
    WITH change AS (
      SELECT * FROM unnest(
        ${column((c) => c.notificationId)}::uuid[], ${column((c) => statusName(c.status))}::text[],
        ${column((c) => c.sources)}::text[], ${column((c) => c.onlyWithoutProviderReference === true)}::boolean[],
        ${column((c) => c.reason ?? null)}::text[], ${column((c) => (c.at ?? now).toISOString())}::timestamptz[],
        ${column((c) => c.providerName ?? null)}::text[], ${column((c) => c.providerReference ?? null)}::text[],
        ${column((c) => isFinalStatus(c.status))}::boolean[]
      ) AS c(id, status, sources, without_reference, reason, at, provider_name, provider_reference, final)
    ), previous AS (
      SELECT n.id, n.status, n.provider_reference FROM notifications AS n
      WHERE n.id IN (SELECT id FROM change) ORDER BY n.id FOR UPDATE
    ), moved AS (
      UPDATE notifications AS n
      SET status = change.status::notification_status,
          updated_at = now(),
          sent_at = CASE change.status WHEN 'sending' THEN change.at WHEN 'created' THEN NULL ELSE n.sent_at END,
          completed_at = CASE WHEN change.final THEN change.at ELSE n.completed_at END,
          provider_name = COALESCE(change.provider_name, n.provider_name),
          provider_reference = COALESCE(change.provider_reference, n.provider_reference)
      FROM change JOIN previous ON previous.id = change.id
      WHERE n.id = change.id AND previous.status::text = ANY(string_to_array(change.sources, ','))
        AND (NOT change.without_reference OR previous.provider_reference IS NULL)
      RETURNING n.id, n.service_id, n.notification_type, previous.status AS from_status, change.status AS to_status, change.reason, change.at
    ), recorded AS (
      INSERT INTO notification_status_changes (id, notification_id, service_id, from_status, to_status, reason, occurred_at)
      SELECT gen_random_uuid(), id, service_id, from_status, to_status::notification_status, reason, at FROM moved
    )
    SELECT id, service_id, notification_type::text AS channel, from_status::text AS from_status, to_status FROM moved`;
  const completed = metrics().notificationsCompleted;
  return rows.map((row) => {
    const to = statusFromName(row.to_status);
    if (isFinalStatus(to)) completed.inc({ channel: row.channel, status: row.to_status });
    return {
      id: row.id,
      serviceId: row.service_id,
      from: statusFromName(row.from_status),
      to,
      final: isFinalStatus(to),
    };
  });
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
