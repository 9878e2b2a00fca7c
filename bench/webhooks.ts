// npm run bench:webhooks – signed SES events verified and stored per second through
// POST /api/webhooks/ses, against the floor (a bare Node server doing one INSERT per request,
// measured in the same run), and how long the worker then takes to apply them (received → applied).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { closeConnections } from "@/lib/process/close-connections";
import { exitOf, startScript, waitForOutput } from "../tests/support/processes";
import { makeService, makeTemplate } from "../tests/support/factories";
import { makeSentNotification } from "../tests/support/notifications";
import { fixtureEvent, resignedFixture, startCertificateServer } from "../tests/support/sns-messages";
import { benchDatabase, loadEach, report, startFloorServer, startWebApp } from "./support/harness";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const POOL_SIZE = 10;
const PORT = 3991;

type SesEvent = { mail: { messageId: string; tags: Record<string, string[]> } };

const database = await benchDatabase();
const certificates = await startCertificateServer();
const service = await makeService({ trialMode: false });
const template = await makeTemplate(service.id, { type: "email" });

// One Delivery event per notification, each a distinct, genuinely signed SNS message.
const bodies: string[] = [];
const warmUp: string[] = [];
for (let index = 0; index < EVENTS + 200; index++) {
  const notification = await makeSentNotification(service, template);
  const event = fixtureEvent<SesEvent>("ses-delivery");
  event.mail.messageId = notification.providerReference!;
  event.mail.tags = { ...event.mail.tags, notification_id: [notification.id], service_id: [service.id] };
  (index < 200 ? warmUp : bodies).push(
    JSON.stringify(resignedFixture("ses-delivery", certificates.certificateUrl, event, randomUUID())),
  );
}

const floor = await startFloorServer(database.url, POOL_SIZE);
const app = await startWebApp(
  {
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    SNS_TRUSTED_CERT_URL_PREFIXES: certificates.prefix,
    LOG_LEVEL: "warn",
  },
  PORT,
);
const worker = startScript("workers/index.ts", [], { LOG_LEVEL: "info", DATABASE_URL: database.url });
await waitForOutput(worker, /"msg":"worker ready"/, 120_000);
try {
  const webhook = `http://127.0.0.1:${PORT}/api/webhooks/ses`;
  await loadEach({ url: `${floor.url}/`, bodies: warmUp, connections: 8, expectStatus: 201 });
  await loadEach({ url: webhook, bodies: warmUp, connections: 8, expectStatus: 200 });

  const floorResult = await loadEach({ url: `${floor.url}/`, bodies, connections: CONNECTIONS, expectStatus: 201 });
  const appResult = await loadEach({ url: webhook, bodies, connections: CONNECTIONS, expectStatus: 200 });
  const everything = EVENTS + warmUp.length;
  const drained = Date.now();
  while ((await db.notification.count({ where: { serviceId: service.id, status: "delivered" } })) < everything) {
    if (Date.now() - drained > 300_000) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const delivered = await db.notification.count({ where: { serviceId: service.id, status: "delivered" } });
  const lags = (
    await db.$queryRaw<{ lag_ms: number }[]>`
      SELECT EXTRACT(EPOCH FROM applied_at - received_at) * 1000 AS lag_ms FROM provider_events
      WHERE applied_at IS NOT NULL ORDER BY received_at OFFSET ${warmUp.length}`
  )
    .map((row) => Number(row.lag_ms))
    .sort((a, b) => a - b);
  const percentile = (p: number) => lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))] ?? NaN;

  console.log(
    `\nPOST /api/webhooks/ses, ${EVENTS} distinct signed Delivery events, against the floor (${CONNECTIONS} connections, pool ${POOL_SIZE}):`,
  );
  report({ "floor: INSERT per request": floorResult, "Tidings: verify and store": appResult });
  console.log(
    `Tidings / floor: ${((appResult.requestsPerSecond / floorResult.requestsPerSecond) * 100).toFixed(1)}%; Tidings ${appResult.requestsPerSecond.toLocaleString("en-GB")} events/s (aim: at least 2,000/s)`,
  );
  console.log(`Notifications delivered: ${delivered} of ${everything}; non-2xx answers: ${appResult.non2xx}`);
  console.log(
    `Received → applied by the worker: p50 ${percentile(50).toFixed(0)} ms, p95 ${percentile(95).toFixed(0)} ms, p99 ${percentile(99).toFixed(0)} ms (aim: p95 < 2,000 ms)`,
  );
} finally {
  worker.kill("SIGTERM");
  await exitOf(worker);
  app.kill("SIGTERM");
  await floor.close();
  await certificates.close();
  await closeConnections();
  await database.drop();
}
