import "server-only";
import { config } from "@/lib/config";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import type { ProviderEventSource } from "@/lib/events/event-plan";
import { sesEvent, sesEventRecord } from "@/lib/events/ses-events";
import { smsEvent, smsEventRecord } from "@/lib/events/sms-events";
import { receivedEmailEvent, receivedEmailRecord } from "@/lib/events/unsubscribe-emails";
import { inboundSmsEvent, inboundTextRecord } from "@/lib/inbound-sms/receive-inbound-sms";
import { signingKeyAt, fetchCertificate, type CertificateFetcher } from "./certificates";
import { snsEnvelope, type SnsEnvelope } from "./envelope";
import { isTrustedCertUrl, isTrustedSubscribeUrl } from "./trusted-urls";
import { storeProviderEvent } from "./store-provider-event";
import { hasValidSnsSignature } from "./verify-signature";

export type WebhookAnswer = { status: 200 | 400 | 403; message: string };

export type WebhookDependencies = {
  fetchCertificate: CertificateFetcher;
  confirmSubscription: (subscribeUrl: string) => Promise<void>;
};

const CONFIRM_TIMEOUT_MS = 10_000;

/** Confirms a subscription by visiting its SubscribeURL, as AWS's documentation describes. */
async function visitSubscribeUrl(subscribeUrl: string): Promise<void> {
  const response = await fetch(subscribeUrl, { signal: AbortSignal.timeout(CONFIRM_TIMEOUT_MS), redirect: "error" });
  if (!response.ok) throw new Error(`SubscribeURL answered ${response.status}`);
}

const defaults: WebhookDependencies = { fetchCertificate, confirmSubscription: visitSubscribeUrl };

const answer = (status: WebhookAnswer["status"], message: string): WebhookAnswer => ({ status, message });

/**
 * Everything one SNS POST goes through: parse, check the certificate URL, verify the signature with
 * that certificate, check the topic, then confirm a subscription or apply the event. Anything that
 * fails verification is refused with 403 and changes nothing; a body that is not an SNS message
 * gets 400.
 */
export async function receiveSnsWebhook(
  source: ProviderEventSource,
  rawBody: string,
  dependencies: WebhookDependencies = defaults,
): Promise<WebhookAnswer> {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return answer(400, "The body is not JSON");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    return answer(400, "The body is not an SNS message");
  if (!("Signature" in json) || !("SigningCertURL" in json)) return answer(403, "The message is not signed");
  const parsed = snsEnvelope.safeParse(json);
  if (!parsed.success) return answer(400, "The body is not a well-formed SNS message");
  const envelope = parsed.data;

  const settings = config();
  if (!isTrustedCertUrl(envelope.SigningCertURL, settings.SNS_TRUSTED_CERT_URL_PREFIXES)) {
    log.warn({ source, snsMessageId: envelope.MessageId }, "SNS message refused: untrusted certificate URL");
    return answer(403, "The signing certificate is not SNS's");
  }
  let key;
  try {
    key = await signingKeyAt(envelope.SigningCertURL, dependencies.fetchCertificate);
  } catch (error) {
    log.warn({ err: error, source }, "SNS signing certificate could not be fetched");
    return answer(403, "The signing certificate could not be fetched");
  }
  if (!hasValidSnsSignature(envelope, key)) {
    log.warn({ source, snsMessageId: envelope.MessageId }, "SNS message refused: bad signature");
    return answer(403, "The signature does not match the message");
  }
  if (settings.SNS_ALLOWED_TOPIC_ARNS.length > 0 && !settings.SNS_ALLOWED_TOPIC_ARNS.includes(envelope.TopicArn)) {
    log.warn({ source, topicArn: envelope.TopicArn }, "SNS message refused: topic not allowed");
    return answer(403, "The topic is not one Tidings accepts");
  }

  switch (envelope.Type) {
    case "SubscriptionConfirmation":
      return confirm(envelope, settings.SNS_TRUSTED_CERT_URL_PREFIXES, dependencies);
    case "UnsubscribeConfirmation":
      log.warn({ source, topicArn: envelope.TopicArn }, "SNS topic unsubscribed this webhook");
      return answer(200, "Noted");
    case "Notification":
      return storeNotification(source, envelope.MessageId, envelope.Message);
  }
}

async function confirm(
  envelope: Extract<SnsEnvelope, { SubscribeURL: string }>,
  prefixes: string[],
  dependencies: WebhookDependencies,
): Promise<WebhookAnswer> {
  // Visiting an arbitrary URL on request would let anyone make this server fetch it.
  if (!isTrustedSubscribeUrl(envelope.SubscribeURL, prefixes)) return answer(403, "The SubscribeURL is not SNS's");
  try {
    await dependencies.confirmSubscription(envelope.SubscribeURL);
  } catch (error) {
    log.error({ err: error, topicArn: envelope.TopicArn }, "SNS subscription could not be confirmed");
    return answer(400, "The subscription could not be confirmed");
  }
  log.info({ topicArn: envelope.TopicArn }, "SNS subscription confirmed");
  return answer(200, "Subscription confirmed");
}

/**
 * Checks that the SNS Message is the event this webhook takes and stores it, once per MessageId:
 * the worker applies it (lib/sns/apply-stored-events.ts). 200 means SNS may forget it.
 */
async function storeNotification(
  source: ProviderEventSource,
  snsMessageId: string,
  message: string,
): Promise<WebhookAnswer> {
  let content: unknown;
  let nul = snsMessageId.includes("\0");
  try {
    content = JSON.parse(message, (key, value: unknown) => {
      if (key.includes("\0") || (typeof value === "string" && value.includes("\0"))) nul = true;
      return value;
    });
  } catch {
    return answer(400, "The SNS Message is not JSON");
  }
  // AWS's events never hold a NUL character, and PostgreSQL cannot store one in text or JSON.
  if (nul) return answer(400, "The SNS Message contains a NUL character");
  const parsed = parseEvent(source, content);
  if (!parsed) return answer(400, `The SNS Message is not ${SOURCE_NAMES[source]}`);
  // The event as SNS carried it (it is JSON), for the worker and for the record, unless its
  // record keeps less of it (a received email's content).
  const payload = content as Prisma.InputJsonObject;
  return answer(200, await storeProviderEvent({ snsMessageId, source, payload, ...parsed }));
}

const SOURCE_NAMES: Record<ProviderEventSource, string> = {
  ses: "an SES event",
  sms: "an SMS event",
  "inbound-sms": "an inbound text",
  "unsubscribe-email": "an email SES received",
};

function parseEvent(source: ProviderEventSource, content: unknown) {
  if (source === "ses") {
    const event = sesEvent.safeParse(content);
    return event.success ? sesEventRecord(event.data) : null;
  }
  if (source === "sms") {
    const event = smsEvent.safeParse(content);
    return event.success ? smsEventRecord(event.data) : null;
  }
  if (source === "unsubscribe-email") {
    const event = receivedEmailEvent.safeParse(content);
    return event.success ? receivedEmailRecord(event.data) : null;
  }
  const event = inboundSmsEvent.safeParse(content);
  return event.success ? inboundTextRecord(event.data) : null;
}
