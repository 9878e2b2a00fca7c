import "server-only";
import { randomUUID } from "node:crypto";
import { config } from "@/lib/config";
import type { ProviderEventRecord } from "@/lib/events/event-plan";
import { normaliseEmailAddress } from "@/lib/recipients/email";
import { simulatedOutcome, type SimulatedOutcome } from "@/lib/recipients/simulated";
import { storeProviderEvent } from "@/lib/sns/store-provider-event";
import type { EmailMessage, EmailProvider, SendOutcome, SmsMessage, SmsProvider } from "./types";

/**
 * Accepts every message and reports its outcome the way AWS would: as an SES or SMS event, stored
 * for the worker to apply after SIMULATED_DELIVERY_DELAY_MS, so that statuses, bounces, the
 * suppression list, complaints, opens and callbacks all work (and are exercised) without AWS. Used for
 * test keys, simulated recipients, and whenever no AWS settings are present.
 */
async function report(
  events: Omit<ProviderEventRecord, "snsMessageId" | "source" | "applyAfter">[],
  source: "ses" | "sms",
) {
  const applyAfter = new Date(Date.now() + config().SIMULATED_DELIVERY_DELAY_MS);
  for (const event of events)
    await storeProviderEvent({ ...event, source, snsMessageId: `simulated-${randomUUID()}`, applyAfter });
}

type SimulatedSesEvent = { eventType: string; mail: object; [detail: string]: unknown };

const SES_EVENTS: Record<SimulatedOutcome, (mail: object, at: string, to: string) => SimulatedSesEvent[]> = {
  delivered: (mail, at, to) => [{ eventType: "Delivery", mail, delivery: { timestamp: at, recipients: [to] } }],
  complained: (mail, at, to) => [
    { eventType: "Delivery", mail, delivery: { timestamp: at, recipients: [to] } },
    {
      eventType: "Complaint",
      mail,
      complaint: { timestamp: at, complainedRecipients: [{ emailAddress: to }], complaintFeedbackType: "abuse" },
    },
  ],
  temporary_failure: (mail, at, to) => [
    {
      eventType: "Bounce",
      mail,
      bounce: {
        bounceType: "Transient",
        bounceSubType: "MailboxFull",
        timestamp: at,
        bouncedRecipients: [{ emailAddress: to }],
      },
    },
  ],
  permanent_failure: (mail, at, to) => [
    {
      eventType: "Bounce",
      mail,
      bounce: {
        bounceType: "Permanent",
        bounceSubType: "General",
        timestamp: at,
        bouncedRecipients: [{ emailAddress: to, diagnosticCode: "smtp; 550 5.1.1 user unknown (simulated)" }],
      },
    },
  ],
};

const openEvent = (mail: object, at: string): SimulatedSesEvent => ({
  eventType: "Open",
  mail,
  open: { timestamp: at, userAgent: "Tidings simulator", ipAddress: "192.0.2.1" },
});

const SMS_EVENT_TYPES: Record<SimulatedOutcome, string> = {
  delivered: "TEXT_DELIVERED",
  complained: "TEXT_DELIVERED",
  temporary_failure: "TEXT_UNREACHABLE",
  permanent_failure: "TEXT_INVALID",
};

async function simulateEmail(message: EmailMessage): Promise<SendOutcome> {
  const providerReference = `simulated-${randomUUID()}`;
  const to = normaliseEmailAddress(message.to);
  const at = new Date(Date.now() + config().SIMULATED_DELIVERY_DELAY_MS).toISOString();
  const mail = {
    messageId: providerReference,
    timestamp: new Date().toISOString(),
    destination: [to],
    tags: {
      notification_id: [message.notificationId],
      service_id: [message.serviceId],
      ...(message.campaignId ? { campaign_id: [message.campaignId] } : {}),
    },
  };
  const outcome = SES_EVENTS[simulatedOutcome("email", to) ?? "delivered"](mail, at, to);
  // SES reports opens only through a configuration set that tracks them, which Tidings uses for
  // tracked campaigns alone: the simulated reader opens what reaches them, and only then.
  const events =
    message.tracked && outcome.some((event) => event.eventType === "Delivery")
      ? [...outcome, openEvent(mail, at)]
      : outcome;
  await report(
    events.map((payload) => ({
      payload: payload as ProviderEventRecord["payload"],
      eventType: payload.eventType,
      occurredAt: new Date(at),
      providerMessageId: providerReference,
    })),
    "ses",
  );
  return { providerReference };
}

async function simulateSms(message: SmsMessage): Promise<SendOutcome> {
  const providerReference = `simulated-${randomUUID()}`;
  const eventType = SMS_EVENT_TYPES[simulatedOutcome("sms", message.to) ?? "delivered"];
  const at = Date.now() + config().SIMULATED_DELIVERY_DELAY_MS;
  await report(
    [
      {
        payload: {
          eventType,
          messageId: providerReference,
          isFinal: true,
          eventTimestamp: at,
          destinationPhoneNumber: message.to,
          context: { notification_id: message.notificationId, service_id: message.serviceId },
        },
        eventType,
        occurredAt: new Date(at),
        providerMessageId: providerReference,
      },
    ],
    "sms",
  );
  return { providerReference };
}

export const simulatedEmailProvider: EmailProvider = {
  name: "simulated",
  sendRate: async () => null,
  sendEmail: simulateEmail,
};

export const simulatedSmsProvider: SmsProvider = {
  name: "simulated",
  sendRate: async () => null,
  sendSms: simulateSms,
};
