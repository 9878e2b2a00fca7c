import { db, type DbClient } from "@/lib/db";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";
import { statusFromName, statusName } from "@/lib/notify-format/status-names";

/**
 * The notification state machine, in one place. Every transition is one conditional UPDATE
 * (`WHERE status IN (allowed sources)`), so concurrent workers and out-of-order receipts can never
 * take a notification backwards or out of a final state: a late Delivery cannot override a Bounce,
 * a late Send cannot undo "delivered".
 */
export const FINAL_STATUSES: readonly NotificationStatus[] = [
  "delivered",
  "permanent_failure",
  "temporary_failure",
  "technical_failure",
  "cancelled",
];

const ALLOWED_SOURCES: Record<NotificationStatus, readonly NotificationStatus[]> = {
  created: [],
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

export function isFinalStatus(status: NotificationStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function canMoveTo(from: NotificationStatus, to: NotificationStatus): boolean {
  return ALLOWED_SOURCES[to].includes(from);
}

export function allowedSources(to: NotificationStatus): readonly NotificationStatus[] {
  return ALLOWED_SOURCES[to];
}

export type StatusUpdate = {
  notificationId: string;
  status: NotificationStatus;
  /** Narrower than the state machine allows, e.g. only from `created` when a worker claims a send. */
  onlyFrom?: readonly NotificationStatus[];
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
  // One statement reads the old status and writes the new one, so the check and the write cannot be split.
  const rows = await client.$queryRaw<{ service_id: string; from_status: string }[]>`
    UPDATE notifications AS n
    SET status = ${statusName(update.status)}::notification_status,
        updated_at = now(),
        sent_at = CASE WHEN ${update.status} = 'sending' THEN ${at} ELSE n.sent_at END,
        completed_at = CASE WHEN ${final} THEN ${at} ELSE n.completed_at END,
        provider_name = COALESCE(${update.providerName ?? null}, n.provider_name),
        provider_reference = COALESCE(${update.providerReference ?? null}, n.provider_reference)
    FROM (SELECT id, status FROM notifications WHERE id = ${update.notificationId}::uuid FOR UPDATE) AS previous
    WHERE n.id = previous.id AND previous.status::text = ANY(${sources.map(statusName)}::text[])
    RETURNING n.service_id, previous.status::text AS from_status`;
  const row = rows[0];
  if (!row) return { updated: false };
  const from = statusFromName(row.from_status);
  await client.notificationStatusChange.create({
    data: {
      notificationId: update.notificationId,
      serviceId: row.service_id,
      fromStatus: from,
      toStatus: update.status,
      reason: update.reason ?? null,
      occurredAt: at,
    },
  });
  return { updated: true, serviceId: row.service_id, from, final };
}

/** Records the provider's reference once it is known, without touching the status. */
export async function recordProviderReference(
  notificationId: string,
  providerName: string,
  providerReference: string,
): Promise<void> {
  await db.notification.updateMany({
    where: { id: notificationId, providerReference: null },
    data: { providerName, providerReference },
  });
}
