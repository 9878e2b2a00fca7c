import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { checkHealth } from "@/lib/health/check-health";
import { enqueue } from "@/lib/queue/boss";
import { queues, type QueueDefinition } from "@/lib/queue/queues";
import { defineJob } from "@/workers/define-job";
import { jobRegistry, scheduledJobs } from "@/workers/registry";
import { startWorker, type RunningWorker } from "@/workers/runtime";
import { exitOf, startScript, waitForOutput } from "../support/processes";
import { makeUser } from "../support/factories";
import { waitFor } from "../support/wait";

let running: RunningWorker | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const start = async (jobs = jobRegistry, shutdownTimeoutSeconds = 5) => {
  running = await startWorker({
    databaseUrl: config().DATABASE_URL,
    jobs,
    scheduled: jobs === jobRegistry ? scheduledJobs() : [],
    heartbeatSeconds: 1,
    shutdownTimeoutSeconds,
  });
  return running;
};

async function jobState(id: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: config().DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<{ state: string }>("SELECT state FROM pgboss.job WHERE id = $1", [id])).rows[0]?.state;
  } finally {
    await client.end();
  }
}

describe("the worker", () => {
  it("registers every job's schedule and beats a heartbeat that /api/health reports", async () => {
    expect((await checkHealth()).worker.status).toBe("never-seen");
    const worker = await start();
    const schedules = await worker.boss.getSchedules();
    expect(schedules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "cleanup-expired-sessions", cron: "*/15 * * * *", timezone: "UTC" }),
      ]),
    );
    const health = await checkHealth();
    expect(health).toMatchObject({ status: "ok", database: { ok: true }, worker: { status: "ok", liveWorkers: 1 } });
  });

  it("runs the session cleanup job from the queue", async () => {
    const user = await makeUser();
    const expired = await db.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() - 1000) } });
    const live = await db.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 60_000) } });
    await start();
    await enqueue(queues.cleanupExpiredSessions, {});
    await waitFor(
      "the expired session to be deleted",
      async () => !(await db.session.findUnique({ where: { id: expired.id } })),
    );
    expect(await db.session.findUnique({ where: { id: live.id } })).not.toBeNull();
  });

  it("refuses to send a payload its queue's schema rejects", async () => {
    await expect(enqueue(queues.cleanupExpiredSessions, { unexpected: true } as never)).rejects.toThrow();
  });

  describe("shutting down", () => {
    const slowQueue: QueueDefinition<z.ZodObject<{ ms: z.ZodNumber }>> = {
      name: "test-slow-job",
      payload: z.object({ ms: z.number() }),
      options: { retryLimit: 3 },
    };
    const finished: string[] = [];
    const slowJob = defineJob({
      queue: slowQueue,
      handler: async ({ ms }, { jobId }) => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        finished.push(jobId);
      },
    });

    it("lets an in-flight job finish within the timeout", async () => {
      const worker = await start([slowJob], 10);
      const id = (await worker.boss.send(slowQueue.name, { ms: 1500 }))!;
      await waitFor("the job to start", async () => (await jobState(id)) === "active");
      await worker.stop();
      expect(finished).toContain(id);
      expect(await jobState(id)).toBe("completed");
    });

    it("releases a job still running at the timeout so another worker retries it", async () => {
      const worker = await start([slowJob], 1);
      const id = (await worker.boss.send(slowQueue.name, { ms: 20_000 }))!;
      await waitFor("the job to start", async () => (await jobState(id)) === "active");
      await worker.stop();
      expect(await jobState(id)).toBe("retry");
    });
  });
});

describe("the worker process", () => {
  it("logs that it is ready and stops cleanly on SIGTERM", async () => {
    const child = startScript("workers/index.ts", [], { LOG_LEVEL: "info" });
    await waitForOutput(child, /"msg":"worker ready"/);
    const stopped = waitForOutput(child, /"msg":"worker stopped"/);
    child.kill("SIGTERM");
    await stopped;
    expect(await exitOf(child)).toBe(0);
  });

  it("refuses to start with a message naming a missing variable", async () => {
    const child = startScript("workers/index.ts", [], { SECRET_KEY: "" });
    const output = await waitForOutput(child, /SECRET_KEY/).catch((error: Error) => error.message);
    expect(output).toMatch(/Tidings worker cannot start\. Invalid configuration:\s+- SECRET_KEY is required/);
    expect(await exitOf(child)).toBe(1);
  });
});
