import "server-only";
import { z } from "zod";
import { queueCallback } from "@/lib/callbacks/queue-callback";
import { db, type DbTransaction } from "@/lib/db";
import { log } from "@/lib/log";
import { applyReceiptTo } from "@/lib/notifications/receipts";
import { recordProviderReference, transitionStatus } from "@/lib/notifications/status-machine";
import { suppressRecipient } from "@/lib/suppression/suppression-list";
import { isUuid } from "@/lib/validation";
import { recordProviderEvent } from "./record-provider-event";

const recipientList = z.array(z.looseObject({ emailAddress: z.string() })).default([]);
const optionalDate = z.string().optional();

/** The parts of an SES event (configuration-set event publishing, or an older identity notification) Tidings uses. */
export const sesEvent = z.looseObject({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z.looseObject({
    messageId: z.string(),
    timestamp: optionalDate,
    tags: z.record(z.string(), z.array(z.string())).optional(),
  }),
  bounce: z
    .looseObject({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z
        .array(z.looseObject({ emailAddress: z.string(), diagnosticCode: z.string().optional() }))
        .default([]),
      timestamp: optionalDate,
    })
    .optional(),
  complaint: z
    .looseObject({
      complainedRecipients: recipientList,
      timestamp: optionalDate,
      feedbackId: z.string().optional(),
      userAgent: z.string().optional(),
      complaintFeedbackType: z.string().optional(),
      complaintSubType: z.string().nullish(),
    })
    .optional(),
  delivery: z.looseObject({ timestamp: optionalDate }).optional(),
  open: z.looseObject({ timestamp: optionalDate }).optional(),
  click: z.looseObject({ timestamp: optionalDate, link: z.string().optional() }).optional(),
  reject: z.looseObject({ reason: z.string().optional() }).optional(),
  failure: z.looseObject({ errorMessage: z.string().optional() }).optional(),
  deliveryDelay: z.looseObject({ delayType: z.string().optional(), timestamp: optionalDate }).optional(),
});
export type SesEvent = z.infer<typeof sesEvent>;

type Target = { id: string; serviceId: string };
export type EventOutcome = "applied" | "duplicate" | "unknown-notification";

const dateOr = (value: string | undefined, fallback: Date | null = null) => {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : fallback;
};

/** `eventType` for configuration-set events, `notificationType` for identity notifications; "Rendering Failure" has a space. */
function sesEventKind(event: SesEvent): string {
  return (event.eventType ?? event.notificationType ?? "Unknown").replace(/\s+/g, "");
}

/**
 * Finds the notification an SES event is about: by the notification_id tag Tidings puts on every
 * message, else by SES's MessageId (identity notifications carry no tags). An event whose
 * service_id tag disagrees with the notification's service is not trusted with it.
 */
async function findTarget(event: SesEvent): Promise<Target | null> {
  const taggedId = event.mail.tags?.notification_id?.[0];
  const taggedService = event.mail.tags?.service_id?.[0];
  const found =
    taggedId && isUuid(taggedId)
      ? await db.notification.findUnique({ where: { id: taggedId }, select: { id: true, serviceId: true } })
      : await db.notification.findFirst({
          where: { providerReference: event.mail.messageId, type: "email" },
          select: { id: true, serviceId: true },
        });
  if (!found || (taggedService && taggedService !== found.serviceId)) return null;
  return found;
}

/** Applies one SES event, once: stores it, moves the notification's status, suppresses, records complaints and engagement. */
export async function applySesEvent(snsMessageId: string, event: SesEvent): Promise<EventOutcome> {
  const target = await findTarget(event);
  const kind = sesEventKind(event);
  return db.$transaction(async (tx) => {
    const isNew = await recordProviderEvent(tx, {
      snsMessageId,
      source: "ses",
      eventType: kind,
      serviceId: target?.serviceId ?? null,
      notificationId: target?.id ?? null,
      payload: event as object,
      occurredAt: dateOr(
        event.bounce?.timestamp ??
          event.complaint?.timestamp ??
          event.delivery?.timestamp ??
          event.open?.timestamp ??
          event.click?.timestamp ??
          event.mail.timestamp,
      ),
    });
    if (!isNew) return "duplicate";
    if (!target) {
      log.info({ snsMessageId, kind }, "SES event for no known notification");
      return "unknown-notification";
    }
    await applyToNotification(tx, target, kind, event);
    return "applied";
  });
}

async function applyToNotification(tx: DbTransaction, target: Target, kind: string, event: SesEvent): Promise<void> {
  const reference = { providerReference: event.mail.messageId };
  switch (kind) {
    case "Send": {
      const moved = await transitionStatus(tx, {
        notificationId: target.id,
        status: "sending",
        onlyFrom: ["created"],
        reason: "SES: Send",
        ...reference,
        at: dateOr(event.mail.timestamp) ?? new Date(),
      });
      // A worker that died after SES accepted the message never stored SES's id: this is how it is
      // learnt, so the send is not settled as lost.
      if (!moved.updated)
        await recordProviderReference(tx, {
          notificationId: target.id,
          providerName: "ses",
          providerReference: event.mail.messageId,
        });
      return;
    }
    case "Delivery":
      await applyReceiptTo(tx, target.id, {
        status: "delivered",
        reason: "SES: Delivery",
        ...reference,
        at: dateOr(event.delivery?.timestamp) ?? new Date(),
      });
      return;
    case "Bounce":
      return applyBounce(tx, target, event);
    case "Complaint":
      return applyComplaint(tx, target, event);
    case "Reject":
      await applyReceiptTo(tx, target.id, {
        status: "technical_failure",
        reason: `SES: Reject${event.reject?.reason ? ` (${event.reject.reason})` : ""}`,
        ...reference,
      });
      return;
    case "RenderingFailure":
      await applyReceiptTo(tx, target.id, {
        status: "technical_failure",
        reason: "SES: Rendering Failure",
        ...reference,
      });
      return;
    case "Open":
    case "Click":
      return recordEngagement(tx, target, kind, event);
    default:
      // DeliveryDelay, Subscription and anything newer: kept as the raw event, shown on the timeline.
      return;
  }
}

async function applyBounce(tx: DbTransaction, target: Target, event: SesEvent): Promise<void> {
  const bounce = event.bounce;
  if (!bounce) return;
  const permanent = bounce.bounceType === "Permanent";
  await applyReceiptTo(tx, target.id, {
    status: permanent ? "permanent_failure" : "temporary_failure",
    reason: `SES: Bounce ${bounce.bounceType}/${bounce.bounceSubType ?? "Undetermined"}`,
    providerReference: event.mail.messageId,
    at: dateOr(bounce.timestamp) ?? new Date(),
  });
  if (!permanent) return;
  for (const recipient of bounce.bouncedRecipients) {
    await suppressRecipient(tx, {
      serviceId: target.serviceId,
      type: "email",
      recipient: recipient.emailAddress.toLowerCase(),
      reason: "bounce",
      bounceSubType: bounce.bounceSubType ?? null,
      diagnosticCode: recipient.diagnosticCode ?? null,
      notificationId: target.id,
    });
  }
}

async function applyComplaint(tx: DbTransaction, target: Target, event: SesEvent): Promise<void> {
  const complaint = event.complaint;
  if (!complaint) return;
  const complainedAt = dateOr(complaint.timestamp) ?? new Date();
  for (const recipient of complaint.complainedRecipients) {
    const emailAddress = recipient.emailAddress.toLowerCase();
    const stored = await tx.complaint.createManyAndReturn({
      data: [
        {
          serviceId: target.serviceId,
          notificationId: target.id,
          emailAddress,
          feedbackType: complaint.complaintFeedbackType ?? null,
          subType: complaint.complaintSubType ?? null,
          userAgent: complaint.userAgent ?? null,
          feedbackId: complaint.feedbackId ?? null,
          complainedAt,
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    await suppressRecipient(tx, {
      serviceId: target.serviceId,
      type: "email",
      recipient: emailAddress,
      reason: "complaint",
      notificationId: target.id,
    });
    if (stored[0]) await queueCallback(tx, target.serviceId, "complaint", stored[0].id);
  }
}

async function recordEngagement(
  tx: DbTransaction,
  target: Target,
  kind: "Open" | "Click",
  event: SesEvent,
): Promise<void> {
  const at = dateOr(kind === "Open" ? event.open?.timestamp : event.click?.timestamp) ?? new Date();
  const link = event.click?.link?.slice(0, 2000) ?? null;
  // Events arrive out of order: the first open or click is the earliest time seen, whenever it arrives.
  if (kind === "Open") {
    await tx.$executeRaw`
      INSERT INTO notification_engagements (notification_id, service_id, first_opened_at, open_count) VALUES (${target.id}::uuid, ${target.serviceId}::uuid, ${at}, 1)
      ON CONFLICT (notification_id) DO UPDATE SET open_count = notification_engagements.open_count + 1,
        first_opened_at = LEAST(COALESCE(notification_engagements.first_opened_at, EXCLUDED.first_opened_at), EXCLUDED.first_opened_at)`;
  } else {
    await tx.$executeRaw`
      INSERT INTO notification_engagements (notification_id, service_id, first_clicked_at, click_count, last_clicked_link) VALUES (${target.id}::uuid, ${target.serviceId}::uuid, ${at}, 1, ${link})
      ON CONFLICT (notification_id) DO UPDATE SET click_count = notification_engagements.click_count + 1,
        first_clicked_at = LEAST(COALESCE(notification_engagements.first_clicked_at, EXCLUDED.first_clicked_at), EXCLUDED.first_clicked_at),
        last_clicked_link = COALESCE(EXCLUDED.last_clicked_link, notification_engagements.last_clicked_link)`;
  }
}
