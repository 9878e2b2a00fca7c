import "server-only";
import { db } from "@/lib/db";

export type DeclaredSchedule = { name: string; cron: string; timeZone: string; description: string };

/**
 * Records the worker registry's schedules, so the console lists them without importing the worker,
 * and forgets those the registry no longer declares (with their runs).
 */
export async function declareScheduledJobs(schedules: DeclaredSchedule[], now: Date = new Date()): Promise<void> {
  await db.$transaction([
    db.scheduledJob.deleteMany({ where: { name: { notIn: schedules.map((schedule) => schedule.name) } } }),
    ...schedules.map(({ name, ...declared }) =>
      db.scheduledJob.upsert({
        where: { name },
        create: { name, ...declared, declaredAt: now, syncedAt: now },
        update: { ...declared, syncedAt: now },
      }),
    ),
  ]);
}

/** A run starting: recorded before the job does anything, so a run that never ends still shows. */
export async function recordRunStarted(jobName: string, queueJobId: string, at: Date = new Date()): Promise<string> {
  const run = await db.scheduledJobRun.create({
    data: { jobName, queueJobId, startedAt: at, outcome: "running" },
    select: { id: true },
  });
  return run.id;
}

export type RunResult = { outcome: "succeeded"; summary: string } | { outcome: "failed"; error: unknown };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

/** A run ending: how long it took, and what it did or why it failed. */
export async function recordRunFinished(runId: string, result: RunResult, at: Date = new Date()): Promise<void> {
  const run = await db.scheduledJobRun.findUniqueOrThrow({ where: { id: runId }, select: { startedAt: true } });
  await db.scheduledJobRun.update({
    where: { id: runId },
    data: {
      finishedAt: at,
      durationMs: Math.max(0, at.getTime() - run.startedAt.getTime()),
      outcome: result.outcome,
      ...(result.outcome === "succeeded" ? { summary: result.summary } : { error: messageOf(result.error) }),
    },
  });
}

/**
 * Does a scheduled job's work outside the worker (the command line) as one of the job's runs, so
 * that the Scheduled jobs page shows the latest backup whoever took it. Recorded only when the worker
 * has declared the job: a deployment without BACKUP_SCHEDULE has no backup job to show it under.
 */
export async function runAsScheduledJob<T>(
  jobName: string,
  work: () => Promise<T>,
  summarise: (result: T) => string,
): Promise<T> {
  const declared = await db.scheduledJob.findUnique({ where: { name: jobName }, select: { name: true } });
  const runId = declared ? await recordRunStarted(jobName, "command line") : null;
  try {
    const result = await work();
    if (runId) await recordRunFinished(runId, { outcome: "succeeded", summary: summarise(result) });
    return result;
  } catch (error) {
    if (runId) await recordRunFinished(runId, { outcome: "failed", error }).catch(() => undefined);
    throw error;
  }
}

/** Runs older than this are only clutter: the page shows the recent ones. */
export async function deleteOldScheduledRuns(olderThan: Date): Promise<number> {
  return (await db.scheduledJobRun.deleteMany({ where: { startedAt: { lt: olderThan } } })).count;
}
