import "server-only";
import { z } from "zod";
import { queueCallback } from "@/lib/callbacks/queue-callback";
import type { DbTransaction } from "@/lib/db";
import { leaveCampaignLists } from "@/lib/mailing-lists/change-subscription";
import { suppressRecipient } from "@/lib/suppression/suppression-list";
import { isUuid } from "@/lib/validation";
import type { EventPlan, Target } from "./event-plan";

const recipientList = z.array(z.looseObject({ emailAddress: z.string() })).default([]);
const optionalDate = z.string().optional();

/** The parts of an SES event (configuration-set event publishing, or an older identity notification) Tidings uses. */
export const sesEvent = z.looseObject({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z.looseObject({
    messageId: z.string(),
    timestamp: optionalDate,
    destination: z.array(z.string()).optional(),
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
  subscription: z
    .looseObject({
      timestamp: optionalDate,
      newTopicPreferences: z
        .looseObject({
          unsubscribeAll: z.boolean().optional(),
          topicSubscriptionStatus: z.array(z.looseObject({ subscriptionStatus: z.string().optional() })).optional(),
        })
        .optional(),
    })
    .optional(),
});
export type SesEvent = z.infer<typeof sesEvent>;

/** The date an event's timestamp names, or `fallback` when it has none or it is not a date. */
export const dateOr = (value: string | undefined, fallback: Date | null = null) => {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : fallback;
};

/** `eventType` for configuration-set events, `notificationType` for identity notifications; "Rendering Failure" has a space. */
function sesEventKind(event: SesEvent): string {
  return (event.eventType ?? event.notificationType ?? "Unknown").replace(/\s+/g, "");
}

/** What the webhook stores of an SES event besides the event itself. */
export function sesEventRecord(event: SesEvent) {
  return {
    eventType: sesEventKind(event),
    providerMessageId: event.mail.messageId,
    occurredAt: dateOr(
      event.bounce?.timestamp ??
        event.complaint?.timestamp ??
        event.delivery?.timestamp ??
        event.open?.timestamp ??
        event.click?.timestamp ??
        event.mail.timestamp,
    ),
  };
}

/**
 * What an SES event does to its notification: found by the notification_id tag Tidings puts on
 * every message, else by SES's MessageId (identity notifications carry no tags); an event whose
 * service_id tag is another service's is not trusted with it. Status changes go through the state
 * machine, so a late or repeated event never takes a notification backwards.
 */
export function planSesEvent(event: SesEvent): EventPlan {
  const taggedId = event.mail.tags?.notification_id?.[0];
  const about = {
    type: "email" as const,
    notificationId: taggedId && isUuid(taggedId) ? taggedId : null,
    providerReference: event.mail.messageId,
    claimedServiceId: event.mail.tags?.service_id?.[0] ?? null,
  };
  const providerReference = event.mail.messageId;
  switch (sesEventKind(event)) {
    case "Send":
      // A worker that died after SES accepted the message never stored SES's id: this is how it is
      // learnt, so the send is not settled as lost.
      return {
        about,
        status: {
          status: "sending",
          onlyFrom: ["created"],
          reason: "SES: Send",
          providerReference,
          at: dateOr(event.mail.timestamp) ?? new Date(),
        },
        reference: { providerName: "ses", providerReference },
      };
    case "Delivery":
      return {
        about,
        status: {
          status: "delivered",
          reason: "SES: Delivery",
          providerReference,
          at: dateOr(event.delivery?.timestamp) ?? new Date(),
        },
      };
    case "Bounce": {
      const bounce = event.bounce;
      if (!bounce) return { about };
      const permanent = bounce.bounceType === "Permanent";
      return {
        about,
        status: {
          status: permanent ? "permanent_failure" : "temporary_failure",
          reason: `SES: Bounce ${bounce.bounceType}/${bounce.bounceSubType ?? "Undetermined"}`,
          providerReference,
          at: dateOr(bounce.timestamp) ?? new Date(),
        },
        ...(permanent ? { effects: (tx, target) => suppressBounced(tx, target!, event) } : {}),
      };
    }
    case "Complaint":
      return { about, effects: (tx, target) => applyComplaint(tx, target!, event) };
    case "Reject":
      return {
        about,
        status: {
          status: "technical_failure",
          reason: `SES: Reject${event.reject?.reason ? ` (${event.reject.reason})` : ""}`,
          providerReference,
        },
      };
    case "RenderingFailure":
      return { about, status: { status: "technical_failure", reason: "SES: Rendering Failure", providerReference } };
    case "Open":
      return { about, effects: (tx, target) => recordEngagement(tx, target!, "Open", event) };
    case "Click":
      return { about, effects: (tx, target) => recordEngagement(tx, target!, "Click", event) };
    case "Subscription":
      return { about, effects: (tx, target) => applyUnsubscribe(tx, target!, event) };
    default:
      // DeliveryDelay and anything newer: kept as the raw event, shown on the timeline.
      return { about };
  }
}

async function suppressBounced(tx: DbTransaction, target: Target, event: SesEvent): Promise<void> {
  const bounce = event.bounce!;
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
    await leaveCampaignLists(tx, target.id, recipient.emailAddress, "bounced");
  }
}

/** An unsubscribe through SES's own subscription management (its List-Unsubscribe): off the campaign's lists. */
async function applyUnsubscribe(tx: DbTransaction, target: Target, event: SesEvent): Promise<void> {
  const preferences = event.subscription?.newTopicPreferences;
  const optedOut =
    preferences?.unsubscribeAll === true ||
    (preferences?.topicSubscriptionStatus ?? []).some((topic) => topic.subscriptionStatus === "OptOut");
  if (!optedOut) return;
  for (const address of event.mail.destination ?? []) await leaveCampaignLists(tx, target.id, address, "unsubscribed");
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
    await leaveCampaignLists(tx, target.id, emailAddress, "complained");
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
