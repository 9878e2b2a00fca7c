import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { db } from "@/lib/db";
import { apiServerForThisFile } from "../support/api-harness";

const server = apiServerForThisFile();

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

describe("the web server", () => {
  it("answers /api/health itself, as it answers the API, without Next.js", async () => {
    const response = await fetch(`${server.url()}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ database: { ok: true } });
    // The route server's stand-in for Next.js answers 404 with no body: only a direct route says more.
    const notAnApiPath = await fetch(`${server.url()}/api/healthcheck`);
    expect(notAnApiPath.status).toBe(404);
    expect(await notAnApiPath.text()).toBe("");
  });

  it("answers /v2 itself in Notify's error format, and leaves a path that only starts alike to Next.js", async () => {
    const apiRoot = await fetch(`${server.url()}/v2`);
    expect(apiRoot.status).toBe(404);
    expect(await apiRoot.json()).toMatchObject({ errors: [{ error: "NoResultFound" }] });
    expect(await (await fetch(`${server.url()}/v2x`)).text()).toBe("");
  });
});
