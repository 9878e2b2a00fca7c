import type { JobResult, JobWithMetadata, PgBoss } from "pg-boss";
import { closeConnections } from "@/lib/process/close-connections";
import { newWorkerIdentity, recordHeartbeat } from "@/lib/health/heartbeats";
import { createBoss, startJobSender } from "@/lib/queue/boss";
import { log } from "@/lib/log";
import { logUnhandledError } from "@/lib/log/unhandled-errors";
import { inSpan } from "@/lib/telemetry/tracing";
import { metrics } from "@/lib/metrics/metrics";
import { declareScheduledJobs, recordRunFinished, recordRunStarted } from "@/lib/operations/scheduled-runs";
import type { JobDefinition, LoopDefinition, ScheduledJob } from "./define-job";

export type WorkerOptions = {
  databaseUrl: string;
  jobs: JobDefinition[];
  /** The schedules of some of those jobs; their runs are recorded. None unless given. */
  scheduled?: ScheduledJob[];
  /** Continuous work besides the queues (applying providers' events); none unless given. */
  loops?: LoopDefinition[];
  heartbeatSeconds: number;
  shutdownTimeoutSeconds: number;
  /**
   * How often pg-boss's maintenance looks for jobs whose worker died (expired or lost heartbeat).
   * pg-boss's own default (60 s) unless set; tests shorten it to see a crash recovered promptly.
   */
  maintenanceIntervalSeconds?: number;
};

export type RunningWorker = { id: string; boss: PgBoss; stop: () => Promise<void> };

/**
 * Starts pg-boss on the application database, works every registered queue, keeps the schedules
 * in step with the registry, and beats a heartbeat for /api/health.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const identity = newWorkerIdentity();
  const scheduled = options.scheduled ?? [];
  for (const entry of scheduled) {
    if (!options.jobs.includes(entry.job)) throw new Error(`${entry.job.queue.name} is scheduled but not registered`);
  }
  const recorded = new Set(scheduled.map((entry) => entry.job.queue.name));
  // LISTEN/NOTIFY wakes workers the moment a job commits; polling stays as the fallback.
  const maintenance = options.maintenanceIntervalSeconds
    ? {
        superviseIntervalSeconds: options.maintenanceIntervalSeconds,
        monitorIntervalSeconds: options.maintenanceIntervalSeconds,
      }
    : {};
  const boss = createBoss(options.databaseUrl, {
    supervise: true,
    schedule: true,
    migrate: true,
    useListenNotify: true,
    ...maintenance,
  });
  await boss.start({ attempts: 5 });

  for (const job of options.jobs) {
    await boss.createQueue(job.queue.name, job.queue.options);
    await boss.updateQueue(job.queue.name, job.queue.options);
  }
  // Handlers send jobs inside their transactions: the sender must be ready before the first runs.
  await startJobSender();
  const lifecycles = [...new Set(options.jobs.flatMap((job) => (job.lifecycle ? [job.lifecycle] : [])))];
  for (const lifecycle of lifecycles) await lifecycle.start();
  for (const job of options.jobs) {
    // NOTIFY wakes a worker when a job is created, not when a deferred one (scheduled sends,
    // simulated receipts) comes due, so polling stays frequent even where NOTIFY works.
    // pg-boss also pauses a fetch loop for that interval after every batch unless the batch came
    // back full (burstWhenBatchFull, which needs batches of two or more). Jobs worked one at a time
    // are fetched in pairs, which keeps a backlog flowing without pauses; `concurrency` stays the
    // number of jobs worked at once.
    const inBatches = "handleBatch" in job;
    const batchSize = inBatches ? job.batchSize : Math.min(2, job.concurrency ?? 1);
    await boss.work(
      job.queue.name,
      {
        localConcurrency: inBatches ? job.batches : Math.ceil((job.concurrency ?? 1) / batchSize),
        batchSize,
        burstWhenBatchFull: true,
        perJobResults: true,
        includeMetadata: true,
        pollingIntervalSeconds: 2,
        notifyPollingIntervalSeconds: 2,
      },
      (pgJobs) =>
        inBatches
          ? runBatch(job, pgJobs)
          : Promise.all(pgJobs.map((pgJob) => runJob(job, pgJob, recorded.has(job.queue.name)))),
    );
  }
  await syncSchedules(boss, scheduled);
  let stopped = false;
  const loops = (options.loops ?? []).map((loop) => runLoop(loop, () => stopped));

  const beat = () => recordHeartbeat(identity).then(() => metrics().heartbeats.inc());
  await beat();
  const heartbeat = setInterval(() => {
    beat().catch((error: unknown) => log.warn({ err: error }, "heartbeat failed"));
  }, options.heartbeatSeconds * 1000);
  heartbeat.unref();

  log.info({ worker: identity.id, queues: options.jobs.map((job) => job.queue.name) }, "worker ready");

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(heartbeat);
      log.info({ worker: identity.id }, "worker stopping: finishing in-flight jobs");
      // Graceful: fetch nothing new, wait for running handlers, then fail (release for retry)
      // whatever is still running when the timeout ends.
      stopped = true;
      await Promise.all(loops);
      await boss.stop({ graceful: true, timeout: options.shutdownTimeoutSeconds * 1000 });
      for (const lifecycle of lifecycles) await lifecycle.stop();
      await closeConnections();
      log.info({ worker: identity.id }, "worker stopped");
    })();
    return stopping;
  };
  return { id: identity.id, boss, stop };
}

type Parsed = { pgJob: JobWithMetadata<unknown>; payload: unknown };

/** Parses each job's payload; retrying cannot fix a malformed one, so it is recorded and completed. */
function parsePayloads(job: JobDefinition, pgJobs: JobWithMetadata<unknown>[]) {
  const parsed: Parsed[] = [];
  const dropped: JobResult[] = [];
  for (const pgJob of pgJobs) {
    const payload = job.queue.payload.safeParse(pgJob.data);
    if (payload.success) parsed.push({ pgJob, payload: payload.data });
    else {
      log.error(
        { job: job.queue.name, jobId: pgJob.id, issues: payload.error.issues },
        "job payload is invalid; dropped",
      );
      dropped.push({ id: pgJob.id, status: "completed" });
    }
  }
  return { parsed, dropped };
}

const failedResult = (id: string, error: unknown): JobResult => ({
  id,
  status: "failed",
  output: {
    name: error instanceof Error ? error.name : "Error",
    message: error instanceof Error ? error.message : String(error),
  },
});

const isLastAttempt = (pgJob: JobWithMetadata<unknown>) => pgJob.retryCount >= pgJob.retryLimit;

/**
 * Runs one job's handler; a throw fails that job alone, to be retried per its queue's options. A
 * scheduled job's run is recorded (start, duration, outcome, what it did or its error).
 */
async function runJob(
  job: Extract<JobDefinition, { handler: unknown }>,
  pgJob: JobWithMetadata<unknown>,
  recordRun: boolean,
): Promise<JobResult> {
  const { parsed, dropped } = parsePayloads(job, [pgJob]);
  if (!parsed[0]) return dropped[0]!;
  return inSpan(`job ${job.queue.name}`, { "tidings.job": job.queue.name, "tidings.job_id": pgJob.id }, () =>
    runHandler(job, pgJob, parsed[0]!.payload, recordRun),
  );
}

async function runHandler(
  job: Extract<JobDefinition, { handler: unknown }>,
  pgJob: JobWithMetadata<unknown>,
  payload: unknown,
  recordRun: boolean,
): Promise<JobResult> {
  const runId = recordRun ? await recordRunStarted(job.queue.name, pgJob.id) : undefined;
  try {
    const summary = await job.handler(payload, {
      jobId: pgJob.id,
      retryCount: pgJob.retryCount,
      isLastAttempt: isLastAttempt(pgJob),
      signal: pgJob.signal,
      log: log.child({ job: job.queue.name, jobId: pgJob.id, attempt: pgJob.retryCount }),
    });
    if (runId) {
      await recordRunFinished(runId, { outcome: "succeeded", summary: summary || "Done" });
      metrics().scheduledRuns.inc({ job: job.queue.name, outcome: "succeeded" });
    }
    return { id: pgJob.id, status: "completed" };
  } catch (error) {
    if (runId) {
      await recordRunFinished(runId, { outcome: "failed", error }).catch(() => undefined);
      metrics().scheduledRuns.inc({ job: job.queue.name, outcome: "failed" });
    }
    const origin = { job: job.queue.name, jobId: pgJob.id, attempt: pgJob.retryCount };
    if (isLastAttempt(pgJob)) logUnhandledError(error, origin, "job failed; no retry follows");
    else log.warn({ err: error, ...origin }, "job failed; it will be tried again");
    return failedResult(pgJob.id, error);
  }
}

/** Runs a batch handler over every job of a fetch; a throw fails them all, to be retried. */
async function runBatch(
  job: Extract<JobDefinition, { handleBatch: unknown }>,
  pgJobs: JobWithMetadata<unknown>[],
): Promise<JobResult[]> {
  const { parsed, dropped } = parsePayloads(job, pgJobs);
  try {
    const results = await inSpan(
      `job ${job.queue.name}`,
      { "tidings.job": job.queue.name, "tidings.jobs": parsed.length },
      () =>
        job.handleBatch(
          parsed.map(({ pgJob, payload }) => ({ id: pgJob.id, payload, isLastAttempt: isLastAttempt(pgJob) })),
          log.child({ job: job.queue.name }),
        ),
    );
    return [
      ...dropped,
      ...parsed.map(({ pgJob }): JobResult =>
        results.get(pgJob.id) === "retry"
          ? failedResult(pgJob.id, new Error("the provider refused it for the moment"))
          : { id: pgJob.id, status: "completed" },
      ),
    ];
  } catch (error) {
    logUnhandledError(error, { job: job.queue.name, jobIds: parsed.map(({ pgJob }) => pgJob.id) }, "job batch failed");
    return [...dropped, ...parsed.map(({ pgJob }) => failedResult(pgJob.id, error))];
  }
}

/** Runs a loop's rounds back to back while they find work, resting when they find none, until stopped. */
async function runLoop(loop: LoopDefinition, isStopped: () => boolean): Promise<void> {
  const rest = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  while (!isStopped()) {
    try {
      if ((await loop.run()) === 0) await rest(loop.idleMs);
    } catch (error) {
      log.error({ err: error, loop: loop.name }, "worker loop failed; trying again shortly");
      await rest(1000);
    }
  }
}

/** Keeps pg-boss's schedules, and the record of them the console reads, in step with the registry. */
async function syncSchedules(boss: PgBoss, scheduled: ScheduledJob[]): Promise<void> {
  const wanted = new Map(scheduled.map((entry) => [entry.job.queue.name, entry]));
  for (const existing of await boss.getSchedules()) {
    const entry = wanted.get(existing.name);
    if (entry?.cron !== existing.cron || entry.timeZone !== existing.timezone)
      await boss.unschedule(existing.name, existing.key);
  }
  for (const [name, { cron, timeZone }] of wanted) {
    await boss.schedule(name, cron, {}, { tz: timeZone });
  }
  await declareScheduledJobs(
    scheduled.map(({ job, cron, timeZone, description }) => ({ name: job.queue.name, cron, timeZone, description })),
  );
}
