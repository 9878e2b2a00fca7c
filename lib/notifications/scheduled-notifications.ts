import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";
import { transitionStatus } from "./status-machine";

/** How far ahead a message may be scheduled, as the API allows. */
const MAX_SCHEDULE_DAYS = 7;

/**
 * The time a person chose on the send form (`2026-12-03T09:30`, UTC as the console shows times),
 * or null for "now". Beside the field: no time, a time that is not one, in the past, or too far ahead.
 */
export function parseConsoleSchedule(value: string | null, now: Date = new Date()): Date | null {
  if (value === null) return null;
  const problem = (message: string) => new AppError("validation", message, { scheduledFor: message });
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value.trim()))
    throw problem("Enter a date and time, like 2026-12-03 09:30");
  const at = new Date(`${value.trim()}:00Z`);
  if (Number.isNaN(at.getTime())) throw problem("Enter a date and time, like 2026-12-03 09:30");
  if (at.getTime() <= now.getTime()) throw problem("Choose a time in the future");
  if (at.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * 86_400_000)
    throw problem(`Choose a time up to ${MAX_SCHEDULE_DAYS} days from now`);
  return at;
}

/** The service's messages waiting for their time, soonest first (test keys' left out, as on the dashboard). */
export async function listScheduledNotifications(serviceId: string, now: Date = new Date()) {
  const rows = await db.notification.findMany({
    where: { serviceId, status: "created", scheduledFor: { gt: now }, keyType: { not: "test" } },
    orderBy: { scheduledFor: "asc" },
    take: 50,
    select: {
      id: true,
      type: true,
      recipient: true,
      scheduledFor: true,
      templateVersionRef: { select: { name: true } },
    },
  });
  return rows.map(({ templateVersionRef, scheduledFor, ...row }) => ({
    ...row,
    scheduledFor: scheduledFor!,
    templateName: templateVersionRef.name,
  }));
}

/** Cancels a message that is still waiting for its time (needs "send messages"); its delivery then does nothing. */
export async function cancelScheduledNotification({
  actor,
  serviceId,
  notificationId,
}: ServiceWrite<{ notificationId: string }>): Promise<void> {
  await requireServicePermission(actor, serviceId, "send_messages");
  const waiting = isUuid(notificationId)
    ? await db.notification.findFirst({
        where: { id: notificationId, serviceId, status: "created", scheduledFor: { gt: new Date() } },
        select: { id: true },
      })
    : null;
  if (!waiting) throw new AppError("conflict", "This message is no longer waiting to be sent");
  await db.$transaction(async (tx) => {
    const moved = await transitionStatus(tx, {
      notificationId,
      status: "cancelled",
      onlyFrom: ["created"],
      reason: "cancelled before its time",
    });
    if (!moved.updated) throw new AppError("conflict", "This message is no longer waiting to be sent");
    await recordAuditEvent(tx, {
      action: "notification.cancelled",
      serviceId,
      userId: actor.userId,
      subjectType: "notification",
      subjectId: notificationId,
    });
  });
}
