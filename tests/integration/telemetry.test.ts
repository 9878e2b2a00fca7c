import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config, resetConfig } from "@/lib/config";
import { startScheduledJob } from "@/lib/operations/run-scheduled-job";
import { OPERATOR } from "@/lib/permissions";
import { startTelemetry } from "@/lib/telemetry/start-telemetry";
import { jobRegistry, scheduledJobs } from "@/workers/registry";
import { startWorker } from "@/workers/runtime";
import { apiServerForThisFile } from "../support/api-harness";
import { makeApiKey, makeService, makeTemplate } from "../support/factories";
import { waitFor } from "../support/wait";
import { db } from "@/lib/db";

const api = apiServerForThisFile();

// An OTLP/HTTP collector stand-in: keeps what is posted to /v1/traces.
const exported: { path: string; body: string }[] = [];
let collector: http.Server;
let collectorUrl: string;
beforeAll(async () => {
  collector = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      exported.push({ path: request.url ?? "", body: Buffer.concat(chunks).toString("latin1") });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => collector.close(resolve));
});

describe("OpenTelemetry", () => {
  it("exports nothing without OTEL_EXPORTER_OTLP_ENDPOINT", async () => {
    const stop = await startTelemetry("web");
    const response = await fetch(`${api.url()}/v2/notifications`);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    await stop();
    expect(exported).toEqual([]);
  });

  it("traces requests and jobs over OTLP when the endpoint is set", async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collectorUrl;
    resetConfig();
    const stop = await startTelemetry("worker");
    const worker = await startWorker({
      databaseUrl: config().DATABASE_URL,
      jobs: jobRegistry,
      scheduled: scheduledJobs(),
      heartbeatSeconds: 5,
      shutdownTimeoutSeconds: 5,
    });
    try {
      const response = await fetch(`${api.url()}/v2/notifications`, { headers: { "X-Request-Id": "proxy-id-1" } });
      expect(response.status).toBe(401);
      expect(response.headers.get("x-request-id")).toBe("proxy-id-1");
      await startScheduledJob({ actor: OPERATOR, name: "cleanup-expired-sessions" });
      await waitFor("the job to run", () =>
        db.scheduledJobRun.findFirst({ where: { jobName: "cleanup-expired-sessions", outcome: "succeeded" } }),
      );
      const service = await makeService({ trialMode: false });
      const template = await makeTemplate(service.id, { type: "email" });
      const email = await api
        .client((await makeApiKey(service.id)).key)
        .sendEmail(template.id, "someone@example.com", { personalisation: { name: "Ada", reference: "R-1" } });
      await waitFor(
        "the email to be handed to the provider",
        async () => (await db.notification.findUniqueOrThrow({ where: { id: email.data.id } })).providerReference,
      );
    } finally {
      await worker.stop();
      await stop();
      delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
      resetConfig();
    }
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.every((post) => post.path === "/v1/traces")).toBe(true);
    const everything = exported.map((post) => post.body).join("\n");
    expect(everything).toContain("HTTP GET /v2/notifications");
    expect(everything).toContain("proxy-id-1");
    expect(everything).toContain("job cleanup-expired-sessions");
    expect(everything).toContain("provider simulated");
    expect(everything).toContain("tidings-worker");
  });
});
