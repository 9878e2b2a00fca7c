import "server-only";
import { db } from "@/lib/db";
import { nextRunOf, periodOf } from "./schedule";

type Run = {
  id: string;
  startedAt: Date;
  durationMs: number | null;
  outcome: "running" | "succeeded" | "failed";
  summary: string | null;
  error: string | null;
};

export type ScheduledJobStatus = {
  name: string;
  description: string;
  cron: string;
  timeZone: string;
  lastRun: Run | null;
  lastSucceededAt: Date | null;
  nextRunAt: Date;
  /** Not succeeded within twice its period (counted from when it was first declared if never). */
  overdue: boolean;
  /** Its most recent failed runs, newest first. */
  failures: Run[];
};

const RUN = { id: true, startedAt: true, durationMs: true, outcome: true, summary: true, error: true } as const;

/** Every scheduled job with its last run, next run, recent failures and whether it is overdue. */
export async function listScheduledJobs(now: Date = new Date()): Promise<ScheduledJobStatus[]> {
  const jobs = await db.scheduledJob.findMany({ orderBy: { name: "asc" } });
  return Promise.all(
    jobs.map(async (job) => {
      const [lastRun, lastSuccess, failures] = await Promise.all([
        db.scheduledJobRun.findFirst({ where: { jobName: job.name }, orderBy: { startedAt: "desc" }, select: RUN }),
        db.scheduledJobRun.findFirst({
          where: { jobName: job.name, outcome: "succeeded" },
          orderBy: { startedAt: "desc" },
          select: { finishedAt: true },
        }),
        db.scheduledJobRun.findMany({
          where: { jobName: job.name, outcome: "failed" },
          orderBy: { startedAt: "desc" },
          take: 5,
          select: RUN,
        }),
      ]);
      const lastSucceededAt = lastSuccess?.finishedAt ?? null;
      const since = lastSucceededAt ?? job.declaredAt;
      return {
        name: job.name,
        description: job.description,
        cron: job.cron,
        timeZone: job.timeZone,
        lastRun,
        lastSucceededAt,
        nextRunAt: nextRunOf(job.cron, job.timeZone, now),
        overdue: now.getTime() - since.getTime() > 2 * periodOf(job.cron, job.timeZone, now),
        failures,
      };
    }),
  );
}

/** The names of scheduled jobs that have not succeeded within twice their period, for /api/health. */
export async function overdueScheduledJobs(now: Date = new Date()): Promise<string[]> {
  return (await listScheduledJobs(now)).filter((job) => job.overdue).map((job) => job.name);
}
