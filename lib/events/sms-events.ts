import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";
import { log } from "@/lib/log";
import { applyReceiptTo } from "@/lib/notifications/receipts";
import { isUuid } from "@/lib/validation";
import { recordProviderEvent } from "./record-provider-event";
import type { EventOutcome } from "./ses-events";

/** An AWS End User Messaging SMS event, as its event destination publishes it to SNS. */
export const smsEvent = z.looseObject({
  eventType: z.string(),
  messageId: z.string(),
  eventTimestamp: z.number().optional(),
  isFinal: z.boolean().optional(),
  messageStatus: z.string().optional(),
  messageStatusDescription: z.string().optional(),
  context: z.record(z.string(), z.string()).optional(),
});
export type SmsEvent = z.infer<typeof smsEvent>;

// AWS's event types (End User Messaging SMS user guide, "Event types"). TEXT_SUCCESSFUL and
// TEXT_DELIVERED "may be used interchangeably" by country, so both mean delivered when final.
const STATUS_BY_EVENT: Record<string, NotificationStatus> = {
  TEXT_SENT: "pending",
  TEXT_PENDING: "pending",
  TEXT_QUEUED: "pending",
  TEXT_SUCCESSFUL: "delivered",
  TEXT_DELIVERED: "delivered",
  TEXT_INVALID: "permanent_failure",
  TEXT_INVALID_MESSAGE: "permanent_failure",
  TEXT_BLOCKED: "permanent_failure",
  TEXT_CARRIER_BLOCKED: "permanent_failure",
  TEXT_SPAM: "permanent_failure",
  TEXT_PROTECT_BLOCKED: "permanent_failure",
  TEXT_UNREACHABLE: "temporary_failure",
  TEXT_CARRIER_UNREACHABLE: "temporary_failure",
  TEXT_TTL_EXPIRED: "temporary_failure",
  TEXT_UNKNOWN: "temporary_failure",
};

/** The status an SMS event means, or null for events that change nothing. */
export function statusForSmsEvent(event: Pick<SmsEvent, "eventType" | "isFinal">): NotificationStatus | null {
  const status = STATUS_BY_EVENT[event.eventType] ?? null;
  // A non-final TEXT_SUCCESSFUL means the carrier has it; the handset's receipt may follow.
  if (status === "delivered" && event.isFinal === false) return "pending";
  return status;
}

/** Applies one SMS delivery event, once. Matched by the notification_id in its Context, else by AWS's MessageId. */
export async function applySmsEvent(snsMessageId: string, event: SmsEvent): Promise<EventOutcome> {
  const contextId = event.context?.notification_id;
  const found =
    contextId && isUuid(contextId)
      ? await db.notification.findUnique({ where: { id: contextId }, select: { id: true, serviceId: true } })
      : await db.notification.findFirst({
          where: { providerReference: event.messageId, type: "sms" },
          select: { id: true, serviceId: true },
        });
  const target = found && (!event.context?.service_id || event.context.service_id === found.serviceId) ? found : null;
  const at = event.eventTimestamp ? new Date(event.eventTimestamp) : new Date();
  return db.$transaction(async (tx) => {
    const isNew = await recordProviderEvent(tx, {
      snsMessageId,
      source: "sms",
      eventType: event.eventType,
      serviceId: target?.serviceId ?? null,
      notificationId: target?.id ?? null,
      payload: event as object,
      occurredAt: at,
    });
    if (!isNew) return "duplicate";
    if (!target) {
      log.info({ snsMessageId, eventType: event.eventType }, "SMS event for no known notification");
      return "unknown-notification";
    }
    const status = statusForSmsEvent(event);
    if (status) {
      const description = event.messageStatusDescription ? ` (${event.messageStatusDescription.slice(0, 200)})` : "";
      await applyReceiptTo(tx, target.id, {
        status,
        reason: `SMS: ${event.eventType}${description}`,
        providerReference: event.messageId,
        at,
      });
    }
    return "applied";
  });
}
