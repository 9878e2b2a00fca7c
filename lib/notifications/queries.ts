import "server-only";
import { db } from "@/lib/db";
import type { KeyType, NotificationStatus, NotificationType, Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/validation";

const NOTIFICATION_FIELDS = {
  id: true,
  serviceId: true,
  templateId: true,
  templateVersion: true,
  type: true,
  recipient: true,
  subject: true,
  body: true,
  status: true,
  clientReference: true,
  createdById: true,
  unsubscribeUrl: true,
  billableUnits: true,
  international: true,
  scheduledFor: true,
  createdAt: true,
  sentAt: true,
  completedAt: true,
} as const satisfies Prisma.NotificationSelect;

export type NotificationRecord = Prisma.NotificationGetPayload<{ select: typeof NOTIFICATION_FIELDS }>;

/** One of the service's notifications still within retention, or null. */
export async function findNotification(serviceId: string, id: string): Promise<NotificationRecord | null> {
  if (!isUuid(id)) return null;
  return db.notification.findFirst({ where: { id, serviceId }, select: NOTIFICATION_FIELDS });
}

export type NotificationFilters = {
  serviceId: string;
  keyType: KeyType;
  types?: NotificationType[];
  statuses?: NotificationStatus[];
  reference?: string;
  includeJobs?: boolean;
  /** Only notifications older than this one (keyset pagination). */
  olderThan?: string;
  limit: number;
};

/**
 * A page of the service's notifications sent with this key type, newest first, as Notify's
 * `GET /v2/notifications` pages them: keyset on (created_at, id), so pages never overlap or skip.
 */
export async function listNotificationsForKeyType(filters: NotificationFilters): Promise<NotificationRecord[]> {
  let before: { createdAt: Date; id: string } | null = null;
  if (filters.olderThan) {
    before = isUuid(filters.olderThan)
      ? await db.notification.findFirst({
          where: { id: filters.olderThan, serviceId: filters.serviceId },
          select: { id: true, createdAt: true },
        })
      : null;
    if (!before) return [];
  }
  return db.notification.findMany({
    where: {
      serviceId: filters.serviceId,
      keyType: filters.keyType,
      ...(filters.types ? { type: { in: filters.types } } : {}),
      ...(filters.statuses ? { status: { in: filters.statuses } } : {}),
      ...(filters.reference !== undefined ? { clientReference: filters.reference } : {}),
      ...(filters.includeJobs ? {} : { jobId: null }),
      ...(before
        ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filters.limit,
    select: NOTIFICATION_FIELDS,
  });
}

/** Names of the staff members who sent these from the console (Notify's `created_by_name`). */
export async function senderNames(notifications: { createdById: string | null }[]): Promise<Map<string, string>> {
  const ids = [
    ...new Set(notifications.map((notification) => notification.createdById).filter((id): id is string => Boolean(id))),
  ];
  if (ids.length === 0) return new Map();
  return new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((user) => [
      user.id,
      user.name,
    ]),
  );
}
