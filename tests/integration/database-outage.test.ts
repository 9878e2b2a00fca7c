import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { resetConfig } from "@/lib/config";
import { db, disconnectDb } from "@/lib/db";
import { reconcileUncertainSends } from "@/lib/notifications/reconcile-uncertain-sends";
import { authorizationFor } from "../support/api-token";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { makeApiKey, makeService, makeTemplate } from "../support/factories";
import { startRouteServer } from "../support/route-server";
import { fixtureEvent, resignedFixture, startCertificateServer } from "../support/sns-messages";
import { startStallingProxy, type StallingProxy } from "../support/stalling-proxy";
import { waitFor } from "../support/wait";

// The database is cut for this long under steady API load; web and worker must recover on their own.
const CUT_MS = 10_000;
const LOAD_BEFORE_MS = 4_000;
const LOAD_AFTER_MS = 15_000;

const delivery = deliveryHarnessForThisFile({
  ses: true,
  env: {
    // Short timeouts keep the test short; the defaults are in lib/config.
    DATABASE_CONNECT_TIMEOUT_MS: "1000",
    DATABASE_STATEMENT_TIMEOUT_MS: "2000",
    WORKER_HEARTBEAT_SECONDS: "2",
    SES_MAX_SEND_RATE: "200",
    DELIVERY_RETRY_DELAY_SECONDS: "1",
    // SES publishes Send for every message it accepts, so a claim that never reached it can be handed over again.
    SES_CONFIGURATION_SET: "tidings",
    SES_SEND_EVENTS: "true",
  },
});

let proxy: StallingProxy;
let server: Awaited<ReturnType<typeof startRouteServer>>;
let certificates: Awaited<ReturnType<typeof startCertificateServer>>;
let apiKey: string;
let templateId: string;

beforeAll(async () => {
  certificates = await startCertificateServer();
  proxy = await startStallingProxy(process.env.DATABASE_URL!);
  Object.assign(process.env, {
    DATABASE_URL: proxy.url,
    SNS_TRUSTED_CERT_URL_PREFIXES: certificates.prefix,
    SNS_ALLOWED_TOPIC_ARNS: "arn:aws:sns:us-east-1:123456789012:tidings-ses-events",
  });
  resetConfig();
  await disconnectDb();
  server = await startRouteServer();
  const service = await makeService({ trialMode: false });
  await db.service.update({ where: { id: service.id }, data: { emailMessageLimit: 100_000, rateLimit: 100_000 } });
  apiKey = (await makeApiKey(service.id, "normal")).key;
  templateId = (await makeTemplate(service.id, { type: "email" })).id;
});

afterAll(async () => {
  proxy.resume();
  await server?.close();
  await certificates?.close();
  await proxy?.close();
});

type Answer = { startedAt: number; ms: number; status: number; body: string };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One POST; a request still open after 20 s is a hang (status 0) and fails the test. */
async function sendOne(index: number): Promise<Answer> {
  const startedAt = Date.now();
  try {
    const response = await fetch(`${server.url}/v2/notifications/email`, {
      method: "POST",
      headers: { authorization: authorizationFor(apiKey), "content-type": "application/json" },
      body: JSON.stringify({
        email_address: `person-${index}@example.com`,
        template_id: templateId,
        personalisation: { name: "Ada", reference: String(index) },
      }),
      signal: AbortSignal.timeout(20_000),
    });
    return { startedAt, ms: Date.now() - startedAt, status: response.status, body: await response.text() };
  } catch (error) {
    return { startedAt, ms: Date.now() - startedAt, status: 0, body: String(error) };
  }
}

const postWebhook = async (body: unknown) => {
  const response = await fetch(`${server.url}/api/webhooks/ses`, {
    method: "POST",
    headers: { "Content-Type": "text/plain; charset=UTF-8" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, body: await response.text() };
};

async function liveJobs(ids: string[]): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) FROM pgboss.job WHERE name LIKE 'deliver-%' AND data->>'notificationId' = ANY(${ids})
      AND state::text IN ('created', 'retry', 'active')`;
  return Number(row!.count);
}

/** Where each accepted notification is, for a failure's message. */
async function describe_(ids: string[], atSes: Set<string | null>): Promise<string> {
  const rows = await db.$queryRaw<{ id: string; status: string; ref: boolean; job: string | null }[]>`
    SELECT n.id, n.status::text, n.provider_reference IS NOT NULL AS ref,
      (SELECT string_agg(j.state::text || ':' || j.retry_count, ',') FROM pgboss.job j WHERE j.data->>'notificationId' = n.id::text) AS job
    FROM notifications n WHERE n.id = ANY(${ids}::uuid[])`;
  const groups = Object.groupBy(
    rows,
    (row) => `${row.status} ref=${row.ref} atSes=${atSes.has(row.id)} job=${row.job}`,
  );
  return Object.entries(groups)
    .map(([key, group]) => `${key}: ${group!.length}`)
    .join("\n");
}

describe("a database cut for 10 seconds under steady API load", () => {
  it(
    "answers Notify's 503 while it is gone, loses no accepted notification, and recovers web and worker by itself",
    { timeout: 180_000 },
    async () => {
      await delivery.startWorkerProcess();
      const { ses } = delivery;
      const answers: Answer[] = [];
      const healthChecks: { at: number; status: number; worker: string }[] = [];
      let loading = true;
      let index = 0;
      // Two clients, each sending about 10 a second.
      const clients = [0, 1].map(async () => {
        while (loading) {
          answers.push(await sendOne(index++));
          await sleep(100);
        }
      });
      const healthPoller = (async () => {
        while (loading) {
          const response = await health();
          const report = (await response.json()) as { worker: { status: string } };
          healthChecks.push({ at: Date.now(), status: response.status, worker: report.worker.status });
          await sleep(250);
        }
      })();

      await sleep(LOAD_BEFORE_MS);
      const sentBefore = await waitFor("an email sent before the cut", async () =>
        db.notification.findFirst({ where: { templateId, providerReference: { not: null } } }),
      );
      proxy.cut();
      const cutAt = Date.now();
      await sleep(CUT_MS / 2);
      // SES reports a delivery while the database is away: refused whole, so that SNS delivers it again.
      const event = fixtureEvent<{ mail: { messageId: string; tags: Record<string, string[]> } }>("ses-delivery");
      event.mail.messageId = sentBefore.providerReference!;
      event.mail.tags = { ...event.mail.tags, notification_id: [sentBefore.id], service_id: [sentBefore.serviceId] };
      const delivered = resignedFixture("ses-delivery", certificates.certificateUrl, event);
      const refusedWebhook = await postWebhook(delivered);
      await sleep(CUT_MS - (Date.now() - cutAt));
      proxy.resume();
      const resumedAt = Date.now();
      await sleep(LOAD_AFTER_MS);
      loading = false;
      await Promise.all([...clients, healthPoller]);
      // SNS tries again later.
      const retriedWebhook = await postWebhook(delivered);

      const during = answers.filter((answer) => answer.startedAt >= cutAt && answer.startedAt < resumedAt);
      const after = answers.filter((answer) => answer.startedAt >= resumedAt);
      const firstAcceptedAfter = after.find((answer) => answer.status === 201);
      const healthDown = healthChecks.find((check) => check.at >= cutAt && check.status === 503);
      const healthUp = healthChecks.find((check) => check.at >= resumedAt && check.status === 200);
      const workerUp = healthChecks.find((check) => check.at >= resumedAt && check.worker === "ok");
      const counts = (list: Answer[]) =>
        Object.entries(Object.groupBy(list, (answer) => String(answer.status)))
          .map(([status, group]) => `${status}×${group!.length}`)
          .join(" ");
      console.log(
        [
          `database cut ${CUT_MS / 1000} s under load: ${answers.length} requests (${counts(answers)})`,
          `during the cut: ${counts(during)}, slowest answer ${Math.max(...during.map((answer) => answer.ms))} ms, first 503 ${during.find((answer) => answer.status === 503)?.ms ?? NaN} ms after its request`,
          `health 503 ${healthDown ? healthDown.at - cutAt : NaN} ms after the cut; after resuming: first 201 in ${firstAcceptedAfter ? firstAcceptedAfter.startedAt + firstAcceptedAfter.ms - resumedAt : NaN} ms, health 200 in ${healthUp ? healthUp.at - resumedAt : NaN} ms, worker heard again in ${workerUp ? workerUp.at - resumedAt : NaN} ms`,
          `webhook during the cut ${refusedWebhook.status}, SNS's retry ${retriedWebhook.status}`,
        ].join("\n"),
      );

      // No hang, no HTML, no 500: accepted, or Notify's 503.
      const unexpected = answers.filter((answer) => answer.status !== 201 && answer.status !== 503);
      expect(unexpected.map((answer) => `${answer.status} ${answer.body.slice(0, 200)}`)).toEqual([]);
      for (const answer of answers.filter((candidate) => candidate.status === 503))
        expect(JSON.parse(answer.body)).toEqual({
          status_code: 503,
          errors: [{ error: "ServiceUnavailableError", message: "Service temporarily unavailable" }],
        });
      expect(during.filter((answer) => answer.status === 503).length).toBeGreaterThan(0);
      expect(healthDown).toBeDefined();
      // Recovered by themselves within 15 s: web (accepting, healthy) and worker (its heartbeat).
      expect(firstAcceptedAfter).toBeDefined();
      expect(healthUp).toBeDefined();
      expect(workerUp).toBeDefined();
      expect(refusedWebhook.status).toBe(503);
      expect(retriedWebhook.status).toBe(200);
      await waitFor(
        "the retried delivery event to be applied",
        async () => (await db.notification.findUniqueOrThrow({ where: { id: sentBefore.id } })).status === "delivered",
      );

      // Every accepted notification reaches SES exactly once. One the dead connection left claimed
      // but never handed over is found by the reconcile sweep and handed over again (Send events configured).
      const accepted = answers
        .filter((answer) => answer.status === 201)
        .map((answer) => (JSON.parse(answer.body) as { id: string }).id);
      const atSes = () => new Set(ses.accepted().map((call) => call.notificationId));
      // Done when no job could still send anything: then a claim without a reference never reached SES.
      await waitFor(
        "every delivery job to finish",
        async () =>
          (await liveJobs(accepted)) === 0 &&
          (await db.notification.count({ where: { id: { in: accepted }, status: "created" } })) === 0,
        60_000,
      ).catch(async (error: unknown) => {
        console.log(await describe_(accepted, atSes()));
        throw error;
      });
      const claimedNeverSent = (
        await db.notification.findMany({
          where: { id: { in: accepted }, status: "sending", providerReference: null },
          select: { id: true },
        })
      ).map((row) => row.id);
      expect(claimedNeverSent.filter((id) => atSes().has(id))).toEqual([]);
      if (claimedNeverSent.length > 0) {
        await db.notification.updateMany({
          where: { id: { in: claimedNeverSent } },
          data: { sentAt: new Date(Date.now() - 60 * 60_000) },
        });
        expect(await reconcileUncertainSends()).toEqual({ settled: 0, handedOverAgain: claimedNeverSent.length });
      }
      await waitFor(
        "every accepted notification to reach SES",
        async () => accepted.every((id) => atSes().has(id)),
        60_000,
      );
      const copies = new Map<string, number>();
      for (const call of ses.accepted()) copies.set(call.notificationId!, (copies.get(call.notificationId!) ?? 0) + 1);
      expect(accepted.filter((id) => copies.get(id) !== 1)).toEqual([]);
      await waitFor(
        "every reference to be recorded",
        async () => (await db.notification.count({ where: { id: { in: accepted }, providerReference: null } })) === 0,
      );
      console.log(
        `${accepted.length} accepted, all sent once; ${claimedNeverSent.length} claimed by a cut connection and handed over again`,
      );
    },
  );
});
