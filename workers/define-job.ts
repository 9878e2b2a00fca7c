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

export type JobDefinition<Payload extends z.ZodType = z.ZodType> = {
  queue: QueueDefinition<Payload>;
  /** Wiring only: parse, call one lib function, report. Throwing makes pg-boss retry per the queue's options. */
  handler: (payload: z.output<Payload>, context: JobContext) => Promise<void>;
  /** A cron expression (UTC) if the job also runs on a schedule. */
  schedule?: string;
  /** Jobs this process works at once. */
  concurrency?: number;
};

export const defineJob = <Payload extends z.ZodType>(definition: JobDefinition<Payload>): JobDefinition<Payload> =>
  definition;
