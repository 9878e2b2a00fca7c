import type { Logger } from "pino";
import type { z } from "zod";
import type { QueueDefinition } from "@/lib/queue/queues";

type JobContext = {
  jobId: string;
  retryCount: number;
  /** No retry follows if this attempt fails: the job's own retry limit (which may differ from its queue's) is reached. */
  isLastAttempt: boolean;
  signal: AbortSignal;
  log: Logger;
};

/** One job of a batch, as a batch handler sees it. */
type BatchJob<Payload> = { id: string; payload: Payload; isLastAttempt: boolean };

type Lifecycle = {
  /** What the worker prepares before it works the queue, and stops once it has finished (both may be shared by several jobs). */
  lifecycle?: { start: () => Promise<void>; stop: () => Promise<void> };
};

type OneAtATime<Payload extends z.ZodType> = Lifecycle & {
  queue: QueueDefinition<Payload>;
  /**
   * Wiring only: parse, call one lib function, report. Throwing makes pg-boss retry per the queue's
   * options. A scheduled job answers what it did, for people ("archived 12,403 notifications").
   */
  handler(payload: z.output<Payload>, context: JobContext): Promise<void | string>;
  /** Jobs this process works at once. */
  concurrency?: number;
};

type InBatches<Payload extends z.ZodType> = Lifecycle & {
  queue: QueueDefinition<Payload>;
  /**
   * Works every job of a fetch together and answers each one's result: `retry` fails that job alone,
   * to be tried again per the queue's options. Throwing fails the whole batch.
   */
  handleBatch(jobs: BatchJob<z.output<Payload>>[], log: Logger): Promise<Map<string, "completed" | "retry">>;
  /** Jobs fetched at once, and how many such batches this process works side by side. */
  batchSize: number;
  batches: number;
};

export type JobDefinition<Payload extends z.ZodType = z.ZodType> = OneAtATime<Payload> | InBatches<Payload>;

export function defineJob<Payload extends z.ZodType>(definition: OneAtATime<Payload>): OneAtATime<Payload>;
export function defineJob<Payload extends z.ZodType>(definition: InBatches<Payload>): InBatches<Payload>;
export function defineJob(definition: JobDefinition): JobDefinition {
  return definition;
}

/**
 * A job the worker also runs on a schedule, declared once in the registry with its cron and the
 * time zone the cron is read in, as GOV.UK Notify's beat schedule. Its runs are recorded for the
 * platform admin's Scheduled jobs page and /api/health.
 */
export type ScheduledJob = {
  job: OneAtATime<z.ZodType>;
  cron: string;
  timeZone: string;
  /** What it is for, shown on the Scheduled jobs page. */
  description: string;
};

/** Work the worker does continuously rather than from a queue: it runs `run` again at once while there is work. */
export type LoopDefinition = {
  name: string;
  /** Does one round of work and says how much it did; 0 means there was none. */
  run: () => Promise<number>;
  /** How long to wait after a round that found nothing to do. */
  idleMs: number;
};

export const defineLoop = (definition: LoopDefinition): LoopDefinition => definition;
