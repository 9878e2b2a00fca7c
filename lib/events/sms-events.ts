import "server-only";
import { z } from "zod";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/validation";
import type { EventPlan } from "./event-plan";

/** An AWS End User Messaging SMS event, as its event destination publishes it to SNS. */
export const smsEvent = z.looseObject({
  eventType: z.string(),
  messageId: z.string(),
  // Milliseconds since 1970, within what a Date can hold.
  eventTimestamp: z.number().int().min(0).max(8.64e15).optional(),
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

/**
 * The status an SMS event means, or null for events that change nothing.
 * @internal Exported for its tests.
 */
export function statusForSmsEvent(event: Pick<SmsEvent, "eventType" | "isFinal">): NotificationStatus | null {
  const status = STATUS_BY_EVENT[event.eventType] ?? null;
  // A non-final TEXT_SUCCESSFUL means the carrier has it; the handset's receipt may follow.
  if (status === "delivered" && event.isFinal === false) return "pending";
  return status;
}

/** What the webhook stores of an SMS event besides the event itself. */
export function smsEventRecord(event: SmsEvent) {
  return {
    eventType: event.eventType,
    providerMessageId: event.messageId,
    occurredAt: event.eventTimestamp ? new Date(event.eventTimestamp) : null,
  };
}

/** What an SMS delivery event does: matched by the notification_id in its Context, else by AWS's MessageId. */
export function planSmsEvent(event: SmsEvent): EventPlan {
  const contextId = event.context?.notification_id;
  const about = {
    type: "sms" as const,
    notificationId: contextId && isUuid(contextId) ? contextId : null,
    providerReference: event.messageId,
    claimedServiceId: event.context?.service_id ?? null,
  };
  const status = statusForSmsEvent(event);
  if (!status) return { about };
  const description = event.messageStatusDescription ? ` (${event.messageStatusDescription.slice(0, 200)})` : "";
  return {
    about,
    status: {
      status,
      reason: `SMS: ${event.eventType}${description}`,
      providerReference: event.messageId,
      at: event.eventTimestamp ? new Date(event.eventTimestamp) : new Date(),
    },
  };
}
