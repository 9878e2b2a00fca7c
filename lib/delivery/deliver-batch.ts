import "server-only";
import { queueCallback } from "@/lib/callbacks/queue-callback";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import {
  recordProviderReferences,
  transitionStatuses,
  type ProviderReference,
} from "@/lib/notifications/status-machine";
import { emailProviderFor, smsProviderFor } from "@/lib/providers/select-provider";
import { acquireSendTokens, returnSendTokens } from "@/lib/providers/send-rate";
import { ProviderError, type EmailProvider, type SmsProvider } from "@/lib/providers/types";
import { simulatedOutcome } from "@/lib/recipients/simulated";
import { InFlightLimit } from "./in-flight-limit";
import { sendAll, type SendResult } from "./send-results";
import { sendOnThreads, startSendThreads, stopSendThreads } from "./send-threads";
import { sendableNotifications, type SendableNotification } from "./sendable-notifications";

export type DeliveryAttempt = { jobId: string; notificationId: string; isLastAttempt: boolean };
/** `retry`: the provider refused for the moment; the job is failed so that the queue tries it again later. */
export type AttemptResult = "completed" | "retry";

export type DeliveryOptions = {
  /** Tokens a lease leaves in the shared bucket (bulk sends leave some for API sends and sign-in codes). */
  keepTokensInReserve?: number;
};

type Provider = EmailProvider | SmsProvider;
type Failure = { notification: SendableNotification; provider: string; error: ProviderError };

const limits = new Map<string, InFlightLimit>();
const limitFor = (provider: string) => {
  let limit = limits.get(provider);
  if (!limit) limits.set(provider, (limit = new InFlightLimit(config().DELIVERY_MAX_IN_FLIGHT)));
  return limit;
};

/**
 * Hands a batch of notifications to their providers, each exactly once. The database work is per
 * batch: one query reads them, one lease of the shared send rate covers many, one statement claims
 * each lease's worth (`created → sending`, with their timeline rows) before any is sent, and their
 * references are written back together. The provider calls run many at once, as many as the rate
 * and the provider's latency need. A message whose claim committed is never claimed again: if the
 * worker dies before the provider answers, it stays `sending` without a reference for the
 * reconciliation sweep, never sent twice. Returns each job's result.
 */
export async function deliverBatch(
  attempts: DeliveryAttempt[],
  options: DeliveryOptions = {},
): Promise<Map<string, AttemptResult>> {
  const results = new Map(attempts.map((attempt) => [attempt.jobId, "completed" as AttemptResult]));
  const attemptOf = new Map(attempts.map((attempt) => [attempt.notificationId, attempt]));
  const sendable = await sendableNotifications([...attemptOf.keys()]);

  const archived = sendable.filter((notification) => !notification.serviceActive);
  await settle(
    archived.map((notification) => notification.id),
    "technical_failure",
    "service is archived",
  );

  // One group per provider and channel (a provider object is made per call, so they are told apart by name).
  const groups = new Map<string, { provider: Provider; notifications: SendableNotification[] }>();
  for (const notification of sendable.filter((candidate) => candidate.serviceActive)) {
    const provider = await providerOf(notification);
    const key = `${notification.type}:${provider.name}`;
    const group = groups.get(key) ?? { provider, notifications: [] };
    group.notifications.push(notification);
    groups.set(key, group);
  }
  const failures = (
    await Promise.all([...groups.values()].map((group) => sendGroup(group.provider, group.notifications, options)))
  ).flat();
  for (const failure of failures) {
    const attempt = attemptOf.get(failure.notification.id)!;
    if ((await handleFailure(failure, attempt.isLastAttempt)) === "retry") results.set(attempt.jobId, "retry");
  }
  return results;
}

async function providerOf(notification: SendableNotification): Promise<Provider> {
  const route = {
    keyType: notification.keyType,
    simulated: simulatedOutcome(notification.type, notification.normalisedRecipient) !== null,
  };
  return notification.type === "email" ? emailProviderFor(route) : smsProviderFor(route);
}

/** Sends one provider's share of the batch, a lease at a time; returns the sends it refused. */
async function sendGroup(
  provider: Provider,
  notifications: SendableNotification[],
  options: DeliveryOptions,
): Promise<Failure[]> {
  const rate = await provider.sendRate();
  const limit = limitFor(provider.name);
  const waiting = [...notifications];
  const sends: Promise<void>[] = [];
  const references: ProviderReference[] = [];
  const queuedByProvider: string[] = [];
  const failures: Failure[] = [];

  while (waiting.length > 0) {
    const slots = await limit.freeSlots(rate);
    const wanted = Math.min(waiting.length, slots);
    const granted =
      rate === null ? wanted : await acquireSendTokens(provider.name, rate, wanted, options.keepTokensInReserve);
    const lease = waiting.splice(0, granted);
    const claimed = new Set(
      (
        await transitionStatuses(db, {
          notificationIds: lease.map((notification) => notification.id),
          status: "sending",
          onlyFrom: ["created"],
          providerName: provider.name,
          reason: `handed to ${provider.name}`,
        })
      ).map((moved) => moved.id),
    );
    if (rate !== null) await returnSendTokens(provider.name, rate, granted - claimed.size);
    const toSend = lease.filter((candidate) => claimed.has(candidate.id));
    if (toSend.length === 0) continue;
    sends.push(
      limit
        .run(toSend.length, () => sendThrough(provider, toSend))
        .then((results) =>
          results.forEach((result, index) => {
            const notification = toSend[index]!;
            if (!result.sent) {
              failures.push({
                notification,
                provider: provider.name,
                error: new ProviderError(result.kind, result.message, result.code),
              });
              return;
            }
            references.push({
              notificationId: notification.id,
              providerName: provider.name,
              providerReference: result.outcome.providerReference,
            });
            if (result.outcome.status === "pending") queuedByProvider.push(notification.id);
          }),
        ),
    );
  }
  await Promise.all(sends);
  await recordProviderReferences(db, references);
  await transitionStatuses(db, {
    notificationIds: queuedByProvider,
    status: "pending",
    reason: `${provider.name} queued it`,
  });
  return failures;
}

/**
 * Real providers are called from the worker's sending threads, where the AWS SDK's work per
 * message runs on every core; the simulator (which queues its receipts in the database) and a
 * worker configured without threads send from here.
 */
function sendThrough(provider: Provider, notifications: SendableNotification[]): Promise<SendResult[]> {
  const threads = config().DELIVERY_SEND_THREADS;
  return provider.name === "simulated" || threads === 0
    ? sendAll(provider, notifications)
    : sendOnThreads(threads, provider.name, notifications);
}

async function handleFailure(
  { notification, provider, error }: Failure,
  isLastAttempt: boolean,
): Promise<AttemptResult> {
  const because = error.code ?? error.message;
  // `errorCode`, not `code`: the logger redacts `code` (sign-in codes), which would hide AWS's error names.
  log.warn(
    { notificationId: notification.id, provider, kind: error.kind, errorCode: error.code, reason: error.message },
    "provider refused a message",
  );
  switch (error.kind) {
    case "rejected":
      await settle([notification.id], "technical_failure", `${provider} rejected it: ${because}`);
      return "completed";
    case "invalid-recipient":
      await settle([notification.id], "permanent_failure", `${provider}: ${because}`);
      return "completed";
    case "uncertain":
      // Left in `sending` without a reference: the reconciliation sweep decides once the provider's events had time to arrive.
      return "completed";
    default:
      if (isLastAttempt) {
        await settle([notification.id], "technical_failure", `${provider} kept failing: ${because}`);
        return "completed";
      }
      // Refused before it was accepted: back to `created`, so that the queue's retry can claim it again.
      await transitionStatuses(db, {
        notificationIds: [notification.id],
        status: "created",
        onlyFrom: ["sending"],
        onlyWithoutProviderReference: true,
        reason: `${provider}: ${because}; will retry`,
      });
      return "retry";
  }
}

/** Ends notifications that cannot be sent, queueing each service's delivery-status callback with it. */
async function settle(
  notificationIds: string[],
  status: "technical_failure" | "permanent_failure",
  reason: string,
): Promise<void> {
  if (notificationIds.length === 0) return;
  await db.$transaction(async (tx) => {
    for (const moved of await transitionStatuses(tx, { notificationIds, status, reason }))
      await queueCallback(tx, moved.serviceId, "delivery_status", moved.id);
  });
}

/** Gets the worker ready to send before its first batch: the sending threads of each real provider. */
export async function prepareDelivery(): Promise<void> {
  const settings = config();
  if (settings.DELIVERY_SEND_THREADS === 0) return;
  const providers = [settings.emailProvider, settings.smsProvider].filter((name) => name !== "simulated");
  for (const provider of providers) await startSendThreads(settings.DELIVERY_SEND_THREADS, provider);
}

/** Stops the sending threads once the worker has finished its batches. */
export const stopDelivery = stopSendThreads;
