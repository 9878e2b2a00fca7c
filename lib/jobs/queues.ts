import { z } from "zod";
import type { Queue } from "pg-boss";

export type QueueOptions = Omit<Queue, "name" | "policy" | "partition" | "deadLetter" | "retryDelayMax" | "heartbeatSeconds">;

export type QueueDefinition<Payload extends z.ZodType = z.ZodType> = {
  name: string;
  /** Parsed when a job is sent and again when it is worked: a payload never reaches a handler unchecked. */
  payload: Payload;
  options: QueueOptions;
};

const defineQueue = <Payload extends z.ZodType>(name: string, payload: Payload, options: QueueOptions = {}): QueueDefinition<Payload> => ({
  name,
  payload,
  options,
});

const notificationPayload = z.object({ notificationId: z.uuid() }).strict();

// Retried with backoff for about four hours, as GOV.UK Notify does, then technical-failure. A
// delivery job that runs longer than its expiry is presumed dead and run again; the handler's own
// checks make the second run harmless.
// `notify` wakes a waiting worker the moment a job commits instead of at its next poll.
const deliveryOptions: QueueOptions = { retryLimit: 16, retryDelay: 10, retryBackoff: true, expireInSeconds: 120, deleteAfterSeconds: 86_400, notify: true };

/** Every queue: the web app sends to them, the worker works them. Payloads carry ids only. */
export const queues = {
  deliverEmail: defineQueue("deliver-email", notificationPayload, deliveryOptions),
  deliverSms: defineQueue("deliver-sms", notificationPayload, deliveryOptions),
  /** Time-critical messages (sign-in codes): worked separately so bulk sends never hold them up. */
  deliverPriority: defineQueue("deliver-priority", notificationPayload, deliveryOptions),
  /** The simulated provider's receipt, delivered after a short delay like a real one. */
  simulatedReceipt: defineQueue(
    "simulated-receipt",
    z.object({ notificationId: z.uuid(), providerReference: z.string(), outcome: z.enum(["delivered", "temporary_failure", "permanent_failure"]) }).strict(),
    { retryLimit: 5, retryDelay: 5, expireInSeconds: 60, notify: true },
  ),
  /** A request to a service's callback URL. Retried with backoff on connection errors, 5xx and 429. */
  sendCallback: defineQueue(
    "send-callback",
    z.object({ serviceId: z.uuid(), callbackType: z.enum(["delivery_status", "inbound_sms", "complaint"]), subjectId: z.uuid() }).strict(),
    { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 60, deleteAfterSeconds: 86_400 },
  ),
  cleanupExpiredSessions: defineQueue("cleanup-expired-sessions", z.object({}).strict(), { retryLimit: 2, retryDelay: 60, expireInSeconds: 300 }),
} as const;

export type QueueName = (typeof queues)[keyof typeof queues]["name"];
export const allQueues: QueueDefinition[] = Object.values(queues);
