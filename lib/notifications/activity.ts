import "server-only";
import { emailBrandingOfService } from "@/lib/branding/queries";
import { renderedForPeople } from "@/lib/templates/rendered-for-people";
import { z } from "zod";
import { db } from "@/lib/db";
import type { NotificationStatus, Prisma } from "@/lib/generated/prisma/client";
import { normaliseEmailAddress } from "@/lib/recipients/email";
import { isUuid } from "@/lib/validation";
import { FAILURE_STATUSES } from "./status-filters";

/** How the console groups statuses, as Notify's activity page does, and as the dashboard counts them. */
const STATUS_GROUPS = {
  sending: ["created", "sending", "pending"],
  delivered: ["delivered", "sent"],
  failed: FAILURE_STATUSES,
} as const satisfies Record<string, readonly NotificationStatus[]>;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
export const activityFilters = z.object({
  type: z.enum(["email", "sms"]).optional().catch(undefined),
  status: z.enum(["sending", "delivered", "failed"]).optional().catch(undefined),
  template: z
    .string()
    .optional()
    .transform((value) => (value && isUuid(value) ? value : undefined)),
  from: day,
  to: day,
  recipient: z
    .string()
    .trim()
    .max(320)
    .optional()
    .transform((value) => value || undefined),
  /** Messages sent with test keys are left out, as from the dashboard's counts, unless asked for. */
  keys: z.enum(["test"]).optional().catch(undefined),
});
export type ActivityFilters = Partial<z.infer<typeof activityFilters>>;

const PAGE_SIZE = 50;

function whereOf(serviceId: string, filters: ActivityFilters): Prisma.NotificationWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (filters.from) createdAt.gte = new Date(`${filters.from}T00:00:00Z`);
  if (filters.to) createdAt.lt = new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000);
  return {
    serviceId,
    keyType: filters.keys === "test" ? "test" : { not: "test" },
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.status ? { status: { in: [...STATUS_GROUPS[filters.status]] } } : {}),
    ...(filters.template ? { templateId: filters.template } : {}),
    ...(filters.from || filters.to ? { createdAt } : {}),
    // Exact match on the normalised form uses the (service, recipient) index; a person types it as they like.
    ...(filters.recipient
      ? {
          normalisedRecipient: {
            in: [
              ...new Set([
                filters.recipient.toLowerCase(),
                normaliseEmailAddress(filters.recipient),
                filters.recipient.replace(/[\s()-]/g, ""),
              ]),
            ],
          },
        }
      : {}),
  };
}

/** A cursor is the last row's creation time and id: pages stay fast however deep, unlike OFFSET. */
const cursorOf = (row: { createdAt: Date; id: string }) => `${row.createdAt.toISOString()}_${row.id}`;
function afterCursor(cursor: string | undefined): Prisma.NotificationWhereInput {
  const [at, id] = cursor?.split("_") ?? [];
  const date = at ? new Date(at) : null;
  if (!date || Number.isNaN(date.getTime()) || !id || !isUuid(id)) return {};
  return { OR: [{ createdAt: { lt: date } }, { createdAt: date, id: { lt: id } }] };
}

export type ActivityRow = {
  id: string;
  type: "email" | "sms";
  recipient: string;
  status: NotificationStatus;
  templateName: string;
  subject: string | null;
  createdAt: Date;
  clientReference: string | null;
  /** The test key's name for a message sent with one (nothing was delivered); null otherwise. */
  testKeyName: string | null;
};

/** One page of a service's notifications, newest first, with the cursor of the next page. */
export async function searchNotifications(
  serviceId: string,
  filters: ActivityFilters,
  cursor?: string,
): Promise<{ rows: ActivityRow[]; nextCursor: string | null }> {
  const rows = await db.notification.findMany({
    where: { AND: [whereOf(serviceId, filters), afterCursor(cursor)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE_SIZE + 1,
    select: {
      id: true,
      type: true,
      recipient: true,
      status: true,
      subject: true,
      createdAt: true,
      clientReference: true,
      keyType: true,
      apiKey: { select: { name: true } },
      templateVersionRef: { select: { name: true } },
    },
  });
  const page = rows.slice(0, PAGE_SIZE);
  return {
    rows: page.map(({ templateVersionRef, keyType, apiKey, ...row }) => ({
      ...row,
      templateName: templateVersionRef.name,
      testKeyName: keyType === "test" ? (apiKey?.name ?? "deleted key") : null,
    })),
    nextCursor: rows.length > PAGE_SIZE ? cursorOf(page.at(-1)!) : null,
  };
}

/** Every matching notification, in batches, for the CSV export. */
export async function* allNotifications(serviceId: string, filters: ActivityFilters): AsyncGenerator<ActivityRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const { rows, nextCursor } = await searchNotifications(serviceId, filters, cursor);
    if (rows.length > 0) yield rows;
    if (!nextCursor) return;
    cursor = nextCursor;
  }
}

/** One notification with its timeline: status changes, provider events, opens and clicks. */
export async function notificationDetail(serviceId: string, notificationId: string) {
  if (!isUuid(notificationId)) return null;
  const notification = await db.notification.findFirst({
    where: { id: notificationId, serviceId },
    include: {
      templateVersionRef: { select: { name: true, subject: true, content: true } },
      apiKey: { select: { name: true } },
      service: { select: { name: true, prefixSms: true } },
      statusChanges: {
        orderBy: { occurredAt: "asc" },
        select: { id: true, fromStatus: true, toStatus: true, reason: true, occurredAt: true },
      },
      engagement: true,
      complaints: { select: { id: true, complainedAt: true, feedbackType: true } },
    },
  });
  if (!notification) return null;
  const events = await db.providerEvent.findMany({
    where: { notificationId, serviceId },
    orderBy: { receivedAt: "asc" },
    select: { id: true, source: true, eventType: true, occurredAt: true, receivedAt: true },
  });
  const createdBy = notification.createdById
    ? await db.user.findUnique({ where: { id: notification.createdById }, select: { name: true } })
    : null;
  const shown = renderedForPeople(
    { type: notification.type, ...notification.templateVersionRef },
    notification.personalisation as Record<string, unknown> | null,
    notification.body,
    notification.service,
    notification.type === "email" ? await emailBrandingOfService(serviceId) : null,
  );
  return { ...notification, events, shown, createdByName: createdBy?.name ?? null };
}
