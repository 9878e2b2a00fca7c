// npm run bench:webhooks – verified SES events applied per second through POST /api/webhooks/ses,
// against the floor: a bare Node server doing one INSERT per request, measured in the same run.
import { randomUUID } from "node:crypto";
import { db, disconnectDb } from "@/lib/db";
import { makeService, makeTemplate } from "../tests/support/factories";
import { makeSentNotification } from "../tests/support/notifications";
import { fixtureEvent, resignedFixture, startCertificateServer } from "../tests/support/sns-messages";
import { benchDatabase, loadEach, report, startFloorServer, startWebApp } from "./support/harness";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 3000);
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
try {
  const webhook = `http://127.0.0.1:${PORT}/api/webhooks/ses`;
  await loadEach({ url: `${floor.url}/`, bodies: warmUp, connections: 8, expectStatus: 201 });
  await loadEach({ url: webhook, bodies: warmUp, connections: 8, expectStatus: 200 });

  const floorResult = await loadEach({ url: `${floor.url}/`, bodies, connections: CONNECTIONS, expectStatus: 201 });
  const appResult = await loadEach({ url: webhook, bodies, connections: CONNECTIONS, expectStatus: 200 });
  const delivered = await db.notification.count({ where: { serviceId: service.id, status: "delivered" } });

  console.log(
    `\nPOST /api/webhooks/ses, ${EVENTS} distinct signed Delivery events, against the floor (${CONNECTIONS} connections, pool ${POOL_SIZE}):`,
  );
  report({ "floor: INSERT per request": floorResult, "Tidings: verify and apply": appResult });
  console.log(`Tidings / floor: ${((appResult.requestsPerSecond / floorResult.requestsPerSecond) * 100).toFixed(1)}%`);
  console.log(
    `Notifications delivered: ${delivered} of ${EVENTS + warmUp.length}; non-2xx answers: ${appResult.non2xx}`,
  );
} finally {
  app.kill("SIGTERM");
  await floor.close();
  await certificates.close();
  await disconnectDb();
  await database.drop();
}
