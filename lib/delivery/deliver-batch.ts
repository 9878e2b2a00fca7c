import "server-only";
import { queueCallback } from "@/lib/callbacks/queue-callback";
import { config } from "@/lib/config";
import { db, retryWhileDatabaseUnavailable } from "@/lib/db";
import { log } from "@/lib/log";
import {
  recordProviderReferences,
  transitionStatuses,
  type ProviderReference,
} from "@/lib/notifications/status-machine";
import { emailProviderFor, smsProviderFor } from "@/lib/providers/select-provider";
import { acquireSendTokens, backOffSendRate, returnSendTokens } from "@/lib/providers/send-rate";
import { metrics } from "@/lib/metrics/metrics";
import { inSpan } from "@/lib/telemetry/tracing";
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
  /**
   * Share of a second's send tokens a lease leaves in the shared bucket: bulk sends leave a fifth,
   * so that API sends and sign-in codes always find a token waiting however large a job is.
   */
  reserveShare?: number;
};

type Provider = EmailProvider | SmsProvider;
type Failure = { notification: SendableNotification; provider: string; error: ProviderError };
/** A group's refused sends, and the database error that stopped it claiming more, if one did. */
type GroupOutcome = { failures: Failure[]; error?: unknown };

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
  const outcomes = await Promise.all(
    [...groups.values()].map((group) => sendGroup(group.provider, group.notifications, options)),
  );
  for (const failure of outcomes.flatMap((outcome) => outcome.failures)) {
    const attempt = attemptOf.get(failure.notification.id)!;
    if ((await handleFailure(failure, attempt.isLastAttempt)) === "retry") results.set(attempt.jobId, "retry");
  }
  // What was sent is recorded; the rest of the batch fails, so that its jobs are tried again (a
  // notification already claimed is skipped by the retry, never sent twice).
  const stopped = outcomes.find((outcome) => outcome.error !== undefined);
  if (stopped) throw stopped.error;
  return results;
}

async function providerOf(notification: SendableNotification): Promise<Provider> {
  const route = {
    keyType: notification.keyType,
    simulated: simulatedOutcome(notification.type, notification.normalisedRecipient) !== null,
  };
  return notification.type === "email" ? emailProviderFor(route) : smsProviderFor(route);
}

/**
 * Sends one provider's share of the batch, a lease at a time; returns the sends it refused. If the
 * database fails while it claims, it claims no more but still waits for what is on its way and
 * records it (trying those writes again through a short outage): a message the provider accepted
 * keeps its reference, and the error is returned for the batch to fail.
 */
async function sendGroup(
  provider: Provider,
  notifications: SendableNotification[],
  options: DeliveryOptions,
): Promise<GroupOutcome> {
  const rate = await provider.sendRate();
  const counters = metrics();
  const limit = limitFor(provider.name);
  const waiting = [...notifications];
  const sends: Promise<void>[] = [];
  const references: ProviderReference[] = [];
  const queuedByProvider: string[] = [];
  const failures: Failure[] = [];

  let error: unknown;
  try {
    await claimAndSend();
  } catch (claimError) {
    error = claimError;
  }
  await Promise.all(sends);
  await retryWhileDatabaseUnavailable(() => recordProviderReferences(db, references));
  await retryWhileDatabaseUnavailable(() =>
    transitionStatuses(db, {
      notificationIds: queuedByProvider,
      status: "pending",
      reason: `${provider.name} queued it`,
    }),
  );
  return error === undefined ? { failures } : { failures, error };

  async function claimAndSend(): Promise<void> {
    while (waiting.length > 0) {
      const leastBatch = Math.min(waiting.length, limit.leastBatch(rate));
      const slots = await limit.freeSlots(rate, leastBatch);
      const wanted = Math.min(waiting.length, slots);
      const granted =
        rate === null
          ? wanted
          : await acquireSendTokens(provider.name, rate, {
              wanted,
              atLeast: leastBatch,
              keepInReserve: Math.ceil(rate * (options.reserveShare ?? 0)),
            });
      if (rate !== null) {
        counters.sendTokensGranted.inc({ provider: provider.name }, granted);
        counters.sendRateLimit.set({ provider: provider.name }, rate);
      }
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
      counters.providerCalls.inc({ provider: provider.name }, toSend.length);
      sends.push(
        limit
          .run(toSend.length, () =>
            inSpan(
              `provider ${provider.name}`,
              { "tidings.provider": provider.name, "tidings.messages": toSend.length },
              () => sendThrough(provider, toSend),
            ),
          )
          .then(async (results) => {
            results.forEach((result, index) => {
              const notification = toSend[index]!;
              if (!result.sent) {
                counters.providerErrors.inc({ provider: provider.name, kind: result.kind });
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
            });
            // Throttled: the whole deployment slows down (the messages are retried by their jobs).
            if (rate !== null && results.some((result) => !result.sent && result.kind === "throttled"))
              await backOffSendRate(provider.name, rate).catch((error: unknown) =>
                log.warn({ err: error, provider: provider.name }, "could not slow the send rate down"),
              );
          }),
      );
    }
  }
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
      await retryWhileDatabaseUnavailable(() =>
        transitionStatuses(db, {
          notificationIds: [notification.id],
          status: "created",
          onlyFrom: ["sending"],
          onlyWithoutProviderReference: true,
          reason: `${provider}: ${because}; will retry`,
        }),
      );
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
  await retryWhileDatabaseUnavailable(() =>
    db.$transaction(async (tx) => {
      for (const moved of await transitionStatuses(tx, { notificationIds, status, reason }))
        await queueCallback(tx, moved.serviceId, "delivery_status", moved.id);
    }),
  );
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
