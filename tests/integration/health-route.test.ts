import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { db } from "@/lib/db";

describe("GET /api/health", () => {
  it("reports the database and that no worker has been seen", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "degraded",
      database: { ok: true },
      worker: { status: "never-seen", lastHeartbeatAt: null },
      // Without SES_SEND_EVENTS / SMS_TEXT_EVENTS a lost send cannot be told from a delivered one.
      unconfirmedSends: { email: "technical-failure", sms: "technical-failure" },
    });
  });

  it("reports the worker's last heartbeat and whether it is stale", async () => {
    const beat = new Date(Date.now() - 5 * 60_000);
    await db.workerHeartbeat.create({
      data: { id: "host:1:1", hostname: "host", pid: 1, startedAt: beat, lastBeatAt: beat },
    });
    const stale = await (await GET()).json();
    expect(stale.worker).toMatchObject({ status: "stale", lastHeartbeatAt: beat.toISOString(), liveWorkers: 0 });

    await db.workerHeartbeat.update({ where: { id: "host:1:1" }, data: { lastBeatAt: new Date() } });
    expect(await (await GET()).json()).toMatchObject({ status: "ok", worker: { status: "ok", liveWorkers: 1 } });
  });
});
