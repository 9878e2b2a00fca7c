import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setServiceCallback } from "@/lib/callbacks/callback-settings";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { startMetricsServer } from "@/lib/operations/metrics-endpoint";
import { startScheduledJob } from "@/lib/operations/run-scheduled-job";
import { OPERATOR } from "@/lib/permissions";
import { apiServerForThisFile } from "../support/api-harness";
import { startCallbackReceiver } from "../support/callback-receiver";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { makeApiKey, makeService, makeTemplate } from "../support/factories";
import { makeSentNotification } from "../support/notifications";
import { fixtureEvent, resignedFixture, startCertificateServer } from "../support/sns-messages";
import { waitFor } from "../support/wait";

const TOKEN = "a-metrics-token-for-tests";
const harness = deliveryHarnessForThisFile({
  sms: true,
  env: {
    METRICS_TOKEN: TOKEN,
    EMAIL_PROVIDER: "simulated",
    SIMULATED_DELIVERY_DELAY_MS: "0",
    CALLBACK_ALLOWED_PRIVATE_HOSTS: "127.0.0.1",
  },
});
const api = apiServerForThisFile();

let certificates: Awaited<ReturnType<typeof startCertificateServer>>;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
beforeAll(async () => {
  certificates = await startCertificateServer();
  process.env.SNS_TRUSTED_CERT_URL_PREFIXES = certificates.prefix;
  resetConfig();
  receiver = await startCallbackReceiver();
});
afterAll(async () => {
  await certificates.close();
  await receiver.close();
});

const scrape = (url: string, token?: string) =>
  fetch(url, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

/** The value of one sample, or undefined when the text has no such line. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const line = text
    .split("\n")
    .find(
      (candidate) =>
        (candidate.startsWith(`${name}{`) || candidate.startsWith(`${name} `)) &&
        Object.entries(labels).every(([label, value]) => candidate.includes(`${label}="${value}"`)),
    );
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

describe("GET /metrics", () => {
  it("refuses without the token, or with a wrong one", async () => {
    const without = await scrape(`${api.url()}/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await scrape(`${api.url()}/metrics`, "not-the-metrics-token")).status).toBe(401);
    expect((await scrape(`${api.url()}/metrics`, TOKEN)).status).toBe(200);
  });

  it("is not served on the web app's port when no token is set", async () => {
    delete process.env.METRICS_TOKEN;
    resetConfig();
    try {
      expect((await scrape(`${api.url()}/metrics`)).status).toBe(404);
    } finally {
      process.env.METRICS_TOKEN = TOKEN;
      resetConfig();
    }
  });

  it("exposes every family after some traffic", async () => {
    const service = await makeService({ trialMode: false });
    await db.service.update({ where: { id: service.id }, data: { emailMessageLimit: 1000, smsMessageLimit: 1000 } });
    const emailTemplate = await makeTemplate(service.id, { type: "email" });
    const smsTemplate = await makeTemplate(service.id, { type: "sms" });
    const { key } = await makeApiKey(service.id);
    receiver.answerNext(400);
    await setServiceCallback({
      actor: OPERATOR,
      serviceId: service.id,
      callbackType: "delivery_status",
      url: receiver.url,
      bearerToken: "a-long-enough-token",
    });
    await harness.startWorker();

    const client = api.client(key);
    const email = await client.sendEmail(emailTemplate.id, "simulate-delivered@notifications.service.gov.uk", {
      personalisation: { name: "Ada", reference: "R-1" },
    });
    await client.sendSms(smsTemplate.id, "+447911123456", { personalisation: { name: "Ada", code: "123456" } });
    await client.getNotificationById(email.data.id);
    await waitFor(
      "the email to be delivered and its callback refused",
      async () =>
        (await db.notification.findUniqueOrThrow({ where: { id: email.data.id } })).status === "delivered" &&
        (await db.callbackAttempt.count({ where: { subjectId: email.data.id, succeeded: false } })) > 0,
    );
    await waitFor("the text to be handed to AWS", async () => harness.sms.calls.length > 0);

    // An SNS message signed by a trusted certificate, and one that is not SNS's at all.
    const sent = await makeSentNotification(service, emailTemplate);
    const event = fixtureEvent<{ mail: { messageId: string } }>("ses-delivery");
    event.mail.messageId = sent.providerReference!;
    const webhook = (body: string) =>
      fetch(`${api.url()}/api/webhooks/ses`, { method: "POST", headers: { "Content-Type": "text/plain" }, body });
    expect(
      (await webhook(JSON.stringify(resignedFixture("ses-delivery", certificates.certificateUrl, event)))).status,
    ).toBe(200);
    expect((await webhook("not json")).status).toBe(400);

    await startScheduledJob({ actor: OPERATOR, name: "cleanup-expired-sessions" });
    await waitFor("the scheduled run to be recorded", async () =>
      db.scheduledJobRun.findFirst({ where: { jobName: "cleanup-expired-sessions", outcome: "succeeded" } }),
    );

    const text = await (await scrape(`${api.url()}/metrics`, TOKEN)).text();
    const route = { route: "/v2/notifications/email", method: "POST", status_class: "2xx" };
    expect(sample(text, "tidings_http_requests_total", route)).toBe(1);
    expect(sample(text, "tidings_http_request_duration_seconds_count", route)).toBe(1);
    expect(sample(text, "tidings_http_requests_total", { route: "/v2/notifications/[id]", status_class: "2xx" })).toBe(
      1,
    );
    expect(sample(text, "tidings_http_requests_total", { route: "/api/webhooks/ses", status_class: "4xx" })).toBe(1);
    expect(sample(text, "tidings_notifications_accepted_total", { channel: "email" })).toBe(1);
    expect(sample(text, "tidings_notifications_accepted_total", { channel: "sms" })).toBe(1);
    expect(
      sample(text, "tidings_notifications_completed_total", { channel: "email", status: "delivered" }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, "tidings_provider_calls_total", { provider: "simulated" })).toBe(1);
    expect(sample(text, "tidings_provider_calls_total", { provider: "pinpoint" })).toBe(1);
    expect(sample(text, "tidings_send_tokens_granted_total", { provider: "pinpoint" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "tidings_send_rate_limit_per_second", { provider: "pinpoint" })).toBe(20);
    expect(sample(text, "tidings_send_budget_tokens", { provider: "pinpoint" })).toBeGreaterThanOrEqual(0);
    expect(sample(text, "tidings_queue_jobs", { queue: "deliver-email", state: "created" })).toBe(0);
    expect(sample(text, "tidings_queue_oldest_job_age_seconds", { queue: "deliver-sms" })).toBe(0);
    expect(sample(text, "tidings_sns_events_received_total", { source: "ses" })).toBe(1);
    expect(sample(text, "tidings_sns_events_refused_total", { source: "ses", reason: "malformed" })).toBe(1);
    expect(sample(text, "tidings_sns_events_applied_total", { source: "ses" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "tidings_provider_events_waiting")).toBeGreaterThanOrEqual(0);
    expect(sample(text, "tidings_callbacks_failed_total", { callback_type: "delivery_status" })).toBe(1);
    expect(sample(text, "tidings_worker_heartbeats_total")).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, "tidings_scheduled_job_runs_total", { job: "cleanup-expired-sessions", outcome: "succeeded" }),
    ).toBe(1);
    expect(sample(text, "tidings_scheduled_job_overdue", { job: "cleanup-expired-sessions" })).toBe(0);
    expect(sample(text, "process_cpu_seconds_total")).toBeGreaterThan(0);
    expect(sample(text, "nodejs_eventloop_lag_seconds")).toBeDefined();
  });

  it("counts a provider's refusals by provider and kind", async () => {
    const service = await makeService({ trialMode: false });
    const smsTemplate = await makeTemplate(service.id, { type: "sms" });
    const { key } = await makeApiKey(service.id);
    await harness.startWorker();
    harness.sms.failNext("SendTextMessage", { type: "AccessDeniedException", message: "Not allowed", status: 403 });
    const text = await api.client(key).sendSms(smsTemplate.id, "+447911123457", {
      personalisation: { name: "Ada", code: "123456" },
    });
    await waitFor(
      "the text to fail",
      async () =>
        (await db.notification.findUniqueOrThrow({ where: { id: text.data.id } })).status === "technical_failure",
    );
    const scraped = await (await scrape(`${api.url()}/metrics`, TOKEN)).text();
    expect(sample(scraped, "tidings_provider_errors_total", { provider: "pinpoint", kind: "rejected" })).toBe(1);
  });

  it("is served by the worker on a port of its own, with the token when one is set", async () => {
    const server = await startMetricsServer(0);
    try {
      const url = `http://127.0.0.1:${server.port}/metrics`;
      expect((await scrape(url)).status).toBe(401);
      const response = await scrape(url, TOKEN);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await response.text()).toContain("# TYPE tidings_worker_heartbeats_total counter");
      expect((await scrape(`http://127.0.0.1:${server.port}/other`, TOKEN)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
