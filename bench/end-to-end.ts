// npm run bench:end-to-end – a minute of sustained API load (BENCH_RATE, 1,000 accepted emails a
// second by default) on one web and one worker process, both as production runs them (built
// JavaScript), sending to an SES stand-in that answers after BENCH_LATENCY_MS (30 ms). Reports the
// accept latency, the time from accepted to handed to the provider, and each process's peak RSS.
import { signToken } from "@/lib/api-keys/jwt";
import { db } from "@/lib/db";
import { closeConnections } from "@/lib/process/close-connections";
import { sesStandInSettings } from "../tests/support/aws-stand-in-settings";
import { makeApiKey, makeService, makeTemplate } from "../tests/support/factories";
import { exitOf, waitForOutput } from "../tests/support/processes";
import { startSesStandIn } from "../tests/support/ses-stand-in";
import { waitFor } from "../tests/support/wait";
import { benchDatabase, load, startBuiltWorker, startWebApp } from "./support/harness";
import { watchPeakRss } from "./support/memory";

const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 30);
const PORT = 3992;

const database = await benchDatabase();
const service = await makeService({ trialMode: false });
await db.service.update({
  where: { id: service.id },
  data: { emailMessageLimit: 100_000_000, rateLimit: 100_000_000 },
});
const template = await makeTemplate(service.id, { type: "email" });
const apiKey = await makeApiKey(service.id, "normal");
const body = JSON.stringify({
  template_id: template.id,
  email_address: "person@example.com",
  personalisation: { name: "Ada", reference: "R-1" },
});
let token = "";
let issuedAt = 0;
const authorization = () => {
  const now = Math.floor(Date.now() / 1000);
  if (now - issuedAt > 10) [token, issuedAt] = [signToken({ iss: service.id, iat: now }, apiKey.key.slice(-36)), now];
  return { Authorization: `Bearer ${token}` };
};

const ses = await startSesStandIn({ lightweight: true });
ses.setResponseDelay(LATENCY_MS);
const environment = {
  ...sesStandInSettings(ses),
  DATABASE_URL: database.url,
  SES_MAX_SEND_RATE: "1000000",
  LOG_LEVEL: "info",
};
const web = await startWebApp(environment, PORT);
const worker = await startBuiltWorker(environment);
try {
  await waitForOutput(worker, /"msg":"worker ready"/, 120_000);
  const memory = watchPeakRss([web.pid!, worker.pid!]);
  const accept = await load({
    url: `http://127.0.0.1:${PORT}/v2/notifications/email`,
    body,
    headers: authorization,
    connections: 64,
    seconds: SECONDS,
    ratePerSecond: RATE,
    expectStatus: 201,
  });
  const accepted = await db.notification.count({ where: { serviceId: service.id } });
  await waitFor("every accepted email to reach the stand-in", async () => ses.accepted().length >= accepted, 600_000);
  memory.stop();

  const createdAt = new Map(
    (await db.notification.findMany({ where: { serviceId: service.id }, select: { id: true, createdAt: true } })).map(
      (row) => [row.id, row.createdAt.getTime()],
    ),
  );
  const delays = ses
    .accepted()
    .flatMap((call) => {
      const created = call.notificationId ? createdAt.get(call.notificationId) : undefined;
      return created === undefined ? [] : [call.arrivedAt - created];
    })
    .sort((a, b) => a - b);
  const percentile = (p: number) => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))]!;
  const [webRss, workerRss] = memory.peaks();

  console.log(
    `\n${SECONDS} s of API load at ${RATE} emails/s, one web and one worker process, SES answering after ${LATENCY_MS} ms:`,
  );
  console.log(
    `  accepted ${accept.total - accept.non2xx} (${accept.requestsPerSecond}/s), refused ${accept.non2xx}, errors ${accept.errors}`,
  );
  console.log(`  accept latency: p50 ${accept.p50} ms, p99 ${accept.p99} ms`);
  console.log(
    `  accepted → handed to SES: p50 ${percentile(50)} ms, p95 ${percentile(95)} ms, p99 ${percentile(99)} ms (aim: p95 < 2,000 ms)`,
  );
  console.log(`  peak RSS: web ${webRss} MB (aim < 250), worker ${workerRss} MB (aim < 200)`);
} finally {
  worker.kill("SIGTERM");
  await exitOf(worker);
  web.kill("SIGTERM");
  await ses.close();
  await closeConnections();
  await database.drop();
}
