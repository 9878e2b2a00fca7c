import "server-only";
import { config } from "@/lib/config";
import { log } from "@/lib/log";
import { inboundSmsEvent, receiveInboundSms } from "@/lib/inbound-sms/receive-inbound-sms";
import type { ProviderEventSource } from "@/lib/events/record-provider-event";
import { applySesEvent, sesEvent } from "@/lib/events/ses-events";
import { applySmsEvent, smsEvent } from "@/lib/events/sms-events";
import { signingKeyAt, fetchCertificate, type CertificateFetcher } from "./certificates";
import { snsEnvelope, type SnsEnvelope } from "./envelope";
import { isTrustedCertUrl, isTrustedSubscribeUrl } from "./trusted-urls";
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
      return applyNotification(source, envelope.MessageId, envelope.Message);
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

async function applyNotification(
  source: ProviderEventSource,
  snsMessageId: string,
  message: string,
): Promise<WebhookAnswer> {
  let content: unknown;
  try {
    content = JSON.parse(message);
  } catch {
    return answer(400, "The SNS Message is not JSON");
  }
  if (source === "ses") {
    const event = sesEvent.safeParse(content);
    if (!event.success) return answer(400, "The SNS Message is not an SES event");
    return answer(200, await applySesEvent(snsMessageId, event.data));
  }
  if (source === "sms") {
    const event = smsEvent.safeParse(content);
    if (!event.success) return answer(400, "The SNS Message is not an SMS event");
    return answer(200, await applySmsEvent(snsMessageId, event.data));
  }
  const event = inboundSmsEvent.safeParse(content);
  if (!event.success) return answer(400, "The SNS Message is not an inbound text");
  return answer(200, await receiveInboundSms(snsMessageId, event.data));
}
