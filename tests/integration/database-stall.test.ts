import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { resetConfig } from "@/lib/config";
import { disconnectDb } from "@/lib/db";
import { authorizationFor } from "../support/api-token";
import { makeApiKey, makeService, makeTemplate } from "../support/factories";
import { startRouteServer } from "../support/route-server";
import { startStallingProxy, type StallingProxy } from "../support/stalling-proxy";

// Short timeouts keep the test short; the defaults are in lib/config.
const CONNECT_TIMEOUT_MS = 1000;
const STATEMENT_TIMEOUT_MS = 2000;
process.env.DATABASE_CONNECT_TIMEOUT_MS = String(CONNECT_TIMEOUT_MS);
process.env.DATABASE_STATEMENT_TIMEOUT_MS = String(STATEMENT_TIMEOUT_MS);
// A stalled server enforces no statement_timeout: the client gives up a second after it (lib/db).
// Each bound has 2 s of room for a busy CI machine.
const API_ANSWERS_WITHIN_MS = STATEMENT_TIMEOUT_MS + 1000 + 2000;
// What the README promises for health, whatever the database's timeouts (lib/health/check-health.ts).
const HEALTH_ANSWERS_WITHIN_MS = 3000 + 2000;

let proxy: StallingProxy;
let server: Awaited<ReturnType<typeof startRouteServer>>;
let apiKey: string;
let templateId: string;

beforeAll(async () => {
  proxy = await startStallingProxy(process.env.DATABASE_URL!);
  process.env.DATABASE_URL = proxy.url;
  resetConfig();
  await disconnectDb();
  server = await startRouteServer();
  const service = await makeService({ trialMode: false });
  apiKey = (await makeApiKey(service.id, "test")).key;
  templateId = (await makeTemplate(service.id)).id;
});

afterAll(async () => {
  proxy.resume();
  await server.close();
  await proxy.close();
});

/** A request that must be answered: one still open after 30 s is a hang and fails the test. */
async function timed(call: () => Promise<Response>) {
  const started = performance.now();
  const response = await call();
  const body = await response.text();
  return { status: response.status, body, ms: Math.round(performance.now() - started) };
}

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: authorizationFor(apiKey), "content-type": "application/json", ...init.headers },
    signal: AbortSignal.timeout(30_000),
  });

describe("a database that stops answering", () => {
  it("gets a Notify-shaped 503 from the API and 'database unavailable' from health, then recovers by itself", async () => {
    const before = await timed(() => api("/v2/notifications"));
    expect(before.status).toBe(200);

    proxy.stall();
    const send = () =>
      api("/v2/notifications/email", {
        method: "POST",
        body: JSON.stringify({
          email_address: "someone@example.com",
          template_id: templateId,
          personalisation: { name: "A", reference: "B" },
        }),
      });
    const answers = {
      read: await timed(() => api("/v2/notifications")),
      send: await timed(send),
      health: await timed(health),
    };
    console.log(
      `stalled database: ${Object.entries(answers)
        .map(([name, answer]) => `${name} ${answer.status} in ${answer.ms} ms`)
        .join(", ")}`,
    );
    for (const answer of [answers.read, answers.send]) {
      expect(answer.status).toBe(503);
      expect(answer.ms).toBeLessThan(API_ANSWERS_WITHIN_MS);
      expect(JSON.parse(answer.body)).toEqual({
        status_code: 503,
        errors: [{ error: "ServiceUnavailableError", message: "Service temporarily unavailable" }],
      });
    }
    expect(answers.health.status).toBe(503);
    expect(answers.health.ms).toBeLessThan(HEALTH_ANSWERS_WITHIN_MS);
    expect(JSON.parse(answers.health.body)).toMatchObject({
      status: "unavailable",
      database: { ok: false, error: "database unavailable" },
    });

    proxy.resume();
    let recovered: Awaited<ReturnType<typeof timed>> | undefined;
    for (let attempt = 0; attempt < 30 && recovered?.status !== 201; attempt++) {
      recovered = await timed(send);
      if (recovered.status !== 201) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(recovered?.status).toBe(201);
    expect((await timed(health)).status).toBe(200);
  });
});
