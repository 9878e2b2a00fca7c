import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { config, resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { checkHealth } from "@/lib/health/check-health";
import { listScheduledJobs } from "@/lib/operations/scheduled-jobs";
import { startScheduledJob } from "@/lib/operations/run-scheduled-job";
import { OPERATOR } from "@/lib/permissions";
import type { QueueDefinition } from "@/lib/queue/queues";
import { defineJob, type ScheduledJob } from "@/workers/define-job";
import { jobRegistry, scheduledJobs } from "@/workers/registry";
import { startWorker, type RunningWorker } from "@/workers/runtime";
import { waitFor } from "../support/wait";

// A scheduled job that fails, to see its failure recorded.
const failingQueue: QueueDefinition = {
  name: "test-failing-schedule",
  payload: z.object({}).strict(),
  options: { retryLimit: 0 },
};
const failingJob = defineJob({
  queue: failingQueue,
  handler: async () => {
    throw new Error("the archive bucket refused the write");
  },
});
const failing: ScheduledJob = {
  job: failingJob,
  cron: "0 4 * * *",
  timeZone: "Europe/London",
  description: "Fails every time.",
};

let worker: RunningWorker;
beforeAll(async () => {
  worker = await startWorker({
    databaseUrl: config().DATABASE_URL,
    jobs: [...jobRegistry, failingJob],
    scheduled: [...scheduledJobs(), failing],
    heartbeatSeconds: 1,
    shutdownTimeoutSeconds: 5,
  });
});
afterAll(async () => {
  await worker.stop();
});

const jobNamed = async (name: string) => (await listScheduledJobs()).find((job) => job.name === name)!;

describe("scheduled jobs", () => {
  it("declares every schedule of the registry once, with its cron and time zone, in pg-boss and for the console", async () => {
    const declared = await db.scheduledJob.findMany({ orderBy: { name: "asc" } });
    const expected = [...scheduledJobs(), failing].map((entry) => ({
      name: entry.job.queue.name,
      cron: entry.cron,
      timeZone: entry.timeZone,
    }));
    expect(declared.map(({ name, cron, timeZone }) => ({ name, cron, timeZone }))).toEqual(
      expect.arrayContaining(expected),
    );
    expect(declared).toHaveLength(expected.length);
    const schedules = await worker.boss.getSchedules();
    expect(schedules).toEqual(
      expect.arrayContaining(
        expected.map(({ name, cron, timeZone }) => expect.objectContaining({ name, cron, timezone: timeZone })),
      ),
    );
    const listed = await jobNamed("apply-data-retention");
    expect(listed).toMatchObject({ lastRun: null, overdue: false, failures: [] });
    expect(listed.nextRunAt.getUTCHours() * 60 + listed.nextRunAt.getUTCMinutes()).toBe(90);
  });

  it("records a run started with “run now”: its start, duration, outcome and what it did", async () => {
    await startScheduledJob({ actor: OPERATOR, name: "apply-data-retention" });
    const run = await waitFor("the retention run to finish", async () => {
      const job = await jobNamed("apply-data-retention");
      return job.lastRun?.outcome === "succeeded" && job;
    });
    expect(run.lastRun).toMatchObject({
      outcome: "succeeded",
      summary: expect.stringMatching(/^archived 0 notifications and 0 received texts; deleted 0 provider events/),
      error: null,
    });
    expect(run.lastRun!.durationMs).toBeGreaterThanOrEqual(0);
    expect(run.lastSucceededAt).not.toBeNull();
    expect(
      await db.auditEvent.count({
        where: { action: "scheduled_job.run_requested", subjectId: "apply-data-retention" },
      }),
    ).toBe(1);
  });

  it("records a failed run with its error", async () => {
    // Not one of Tidings' queues, so sent straight to pg-boss rather than through "run now".
    await worker.boss.send(failingQueue.name, {});
    const job = await waitFor("the failure to be recorded", async () => {
      const listed = await jobNamed(failingQueue.name);
      return listed.lastRun?.outcome === "failed" && listed;
    });
    expect(job.lastRun).toMatchObject({ outcome: "failed", error: "the archive bucket refused the write" });
    expect(job.failures).toHaveLength(1);
    expect(job.lastSucceededAt).toBeNull();
  });

  it("refuses to run a job that is not scheduled", async () => {
    await expect(startScheduledJob({ actor: OPERATOR, name: "deliver-email" })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("flags a job not succeeded within twice its period, on the page and in /api/health", async () => {
    expect((await checkHealth()).scheduledJobs.overdue).toEqual([]);
    // Declared two days ago and never succeeded since: twice its daily period has passed.
    await db.scheduledJob.update({
      where: { name: failingQueue.name },
      data: { declaredAt: new Date(Date.now() - 2 * 86_400_000 - 60_000) },
    });
    expect((await jobNamed(failingQueue.name)).overdue).toBe(true);
    const health = await checkHealth();
    expect(health.scheduledJobs.overdue).toEqual([failingQueue.name]);
    expect(health.status).toBe("degraded");

    // A job that succeeded recently is not overdue however long ago it was declared.
    await db.scheduledJob.update({
      where: { name: "apply-data-retention" },
      data: { declaredAt: new Date(Date.now() - 30 * 86_400_000) },
    });
    expect((await jobNamed("apply-data-retention")).overdue).toBe(false);
  });

  it("schedules the backup only when BACKUP_SCHEDULE is set", () => {
    expect(scheduledJobs().map((entry) => entry.job.queue.name)).not.toContain("take-backup");
    process.env.BACKUP_SCHEDULE = "15 3 * * *";
    resetConfig();
    try {
      expect(scheduledJobs().find((entry) => entry.job.queue.name === "take-backup")).toMatchObject({
        cron: "15 3 * * *",
        timeZone: "UTC",
      });
    } finally {
      delete process.env.BACKUP_SCHEDULE;
      resetConfig();
    }
  });
});
