import type { JobResult, JobWithMetadata, PgBoss } from "pg-boss";
import { closeConnections } from "@/lib/process/close-connections";
import { newWorkerIdentity, recordHeartbeat } from "@/lib/health/heartbeats";
import { createBoss, startJobSender } from "@/lib/queue/boss";
import { log } from "@/lib/log";
import type { JobDefinition } from "./define-job";

export type WorkerOptions = {
  databaseUrl: string;
  jobs: JobDefinition[];
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
  for (const job of options.jobs) {
    // NOTIFY wakes a worker when a job is created, not when a deferred one (scheduled sends,
    // simulated receipts) comes due, so polling stays frequent even where NOTIFY works.
    // pg-boss also pauses a fetch loop for that interval after every batch unless the batch came
    // back full (burstWhenBatchFull, which needs batches of two or more). Fetching in pairs keeps a
    // backlog flowing without pauses; `concurrency` stays the number of jobs worked at once.
    const concurrency = job.concurrency ?? 1;
    const batchSize = Math.min(2, concurrency);
    await boss.work(
      job.queue.name,
      {
        localConcurrency: Math.ceil(concurrency / batchSize),
        batchSize,
        burstWhenBatchFull: true,
        perJobResults: true,
        includeMetadata: true,
        pollingIntervalSeconds: 2,
        notifyPollingIntervalSeconds: 2,
      },
      (pgJobs) => Promise.all(pgJobs.map((pgJob) => runJob(job, pgJob))),
    );
  }
  await syncSchedules(boss, options.jobs);

  await recordHeartbeat(identity);
  const heartbeat = setInterval(() => {
    recordHeartbeat(identity).catch((error: unknown) => log.warn({ err: error }, "heartbeat failed"));
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
      await boss.stop({ graceful: true, timeout: options.shutdownTimeoutSeconds * 1000 });
      await closeConnections();
      log.info({ worker: identity.id }, "worker stopped");
    })();
    return stopping;
  };
  return { id: identity.id, boss, stop };
}

/** Runs one job's handler; a throw fails that job alone, to be retried per its queue's options. */
async function runJob(job: JobDefinition, pgJob: JobWithMetadata<unknown>): Promise<JobResult> {
  const jobLog = log.child({ job: job.queue.name, jobId: pgJob.id, attempt: pgJob.retryCount });
  const payload = job.queue.payload.safeParse(pgJob.data);
  if (!payload.success) {
    // Retrying cannot fix a malformed payload; record it and move on.
    jobLog.error({ issues: payload.error.issues }, "job payload is invalid; dropped");
    return { id: pgJob.id, status: "completed" };
  }
  try {
    await job.handler(payload.data, {
      jobId: pgJob.id,
      retryCount: pgJob.retryCount,
      isLastAttempt: pgJob.retryCount >= pgJob.retryLimit,
      signal: pgJob.signal,
      log: jobLog,
    });
    return { id: pgJob.id, status: "completed" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id: pgJob.id, status: "failed", output: { name: error instanceof Error ? error.name : "Error", message } };
  }
}

async function syncSchedules(boss: PgBoss, jobs: JobDefinition[]): Promise<void> {
  const wanted = new Map(jobs.filter((job) => job.schedule).map((job) => [job.queue.name, job.schedule as string]));
  for (const existing of await boss.getSchedules()) {
    if (wanted.get(existing.name) !== existing.cron) await boss.unschedule(existing.name, existing.key);
  }
  for (const [name, cron] of wanted) {
    await boss.schedule(name, cron, {}, { tz: "UTC" });
  }
}
