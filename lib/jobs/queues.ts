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

/** Every queue: the web app sends to them, the worker works them. Payloads carry ids only. */
export const queues = {
  cleanupExpiredSessions: defineQueue("cleanup-expired-sessions", z.object({}).strict(), { retryLimit: 2, retryDelay: 60, expireInSeconds: 300 }),
} as const;

export type QueueName = (typeof queues)[keyof typeof queues]["name"];
export const allQueues: QueueDefinition[] = Object.values(queues);
