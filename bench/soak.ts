// npm run bench:soak – BENCH_SOAK_MINUTES (10) of mixed traffic on one web and one worker process
// as production runs them (built JavaScript): API sends of both channels, reads, signed SES
// webhooks and console page loads, at half the capacity measured first (BENCH_SOAK_RATE to set the
// rate instead). Prints, every minute, each process's RSS, the requests and errors of the minute,
// and the time from accepted (201) to handed to the provider (SES and SMS stand-ins), as
// percentiles; then whether memory grew. Nothing should fail: every error is counted and printed.
import { readFileSync } from "node:fs";
import { signToken } from "@/lib/api-keys/jwt";
import { db } from "@/lib/db";
import { closeConnections } from "@/lib/process/close-connections";
import { sesStandInSettings, smsStandInSettings } from "../tests/support/aws-stand-in-settings";
import { makeApiKey, makeService, makeTemplate } from "../tests/support/factories";
import { exitOf, waitForOutput } from "../tests/support/processes";
import { startSesStandIn } from "../tests/support/ses-stand-in";
import { startSmsStandIn } from "../scripts/stand-ins/sms";
import { fixtureEvent, resignedFixture, startCertificateServer } from "../tests/support/sns-messages";
import { benchDatabase, load, startBuiltWorker, startWebApp } from "./support/harness";

const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 30);
const PORT = 3993;
const BASE = `http://127.0.0.1:${PORT}`;
const SES_TOPIC = "arn:aws:sns:us-east-1:123456789012:tidings-ses-events";

// The mix, by share of requests: what a busy service's day looks like, give or take.
const MIX = [
  ["send email", 0.4],
  ["send sms", 0.15],
  ["read one", 0.15],
  ["read list", 0.1],
  ["webhook", 0.15],
  ["console page", 0.05],
] as const;
type Kind = (typeof MIX)[number][0];

const database = await benchDatabase();
const service = await makeService({ trialMode: false });
await db.service.update({
  where: { id: service.id },
  data: { emailMessageLimit: 100_000_000, smsMessageLimit: 100_000_000, rateLimit: 100_000_000 },
});
const emailTemplate = await makeTemplate(service.id, { type: "email" });
const smsTemplate = await makeTemplate(service.id, { type: "sms" });
const apiKey = await makeApiKey(service.id, "normal");
let token = "";
let issuedAt = 0;
const authorization = () => {
  const now = Math.floor(Date.now() / 1000);
  if (now - issuedAt > 10) [token, issuedAt] = [signToken({ iss: service.id, iat: now }, apiKey.key.slice(-36)), now];
  return { Authorization: `Bearer ${token}` };
};
const emailBody = JSON.stringify({
  template_id: emailTemplate.id,
  email_address: "person@example.com",
  personalisation: { name: "Ada", reference: "R-1" },
});
const smsBody = JSON.stringify({
  template_id: smsTemplate.id,
  phone_number: "07123456789",
  personalisation: { name: "Ada", code: "123456" },
});

const ses = await startSesStandIn({ lightweight: true });
ses.setResponseDelay(LATENCY_MS);
const sms = await startSmsStandIn();
const certificates = await startCertificateServer();
const environment = {
  ...sesStandInSettings(ses),
  ...smsStandInSettings(sms),
  SMS_PROVIDER: "pinpoint",
  DATABASE_URL: database.url,
  SES_MAX_SEND_RATE: "1000000",
  SMS_MAX_SEND_RATE: "1000000",
  SNS_TRUSTED_CERT_URL_PREFIXES: certificates.prefix,
  SNS_ALLOWED_TOPIC_ARNS: SES_TOPIC,
  LOG_LEVEL: "warn",
};
const web = await startWebApp(environment, PORT);
const worker = await startBuiltWorker({ ...environment, LOG_LEVEL: "info" });

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

const percentiles = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms (${sorted.length})`;
};

// What the traffic has learnt: accepted notifications, by id, with when the 201 came back.
const acceptedAt = new Map<string, number>();
const sentEmails: { id: string; reference: string }[] = [];
let minute = { requests: new Map<string, number>(), errors: new Map<string, number>() };
// The first answer of each kind of error, printed once, to say what went wrong.
const firstErrors = new Map<string, string>();

async function request(kind: Kind): Promise<void> {
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  count(minute.requests, kind);
  const ids = [...acceptedAt.keys()];
  const anyId = ids[Math.floor(Math.random() * ids.length)];
  try {
    let response: Response;
    let expected = 200;
    switch (kind) {
      case "send email":
      case "send sms":
        expected = 201;
        response = await fetch(`${BASE}/v2/notifications/${kind === "send email" ? "email" : "sms"}`, {
          method: "POST",
          headers: { ...authorization(), "Content-Type": "application/json" },
          body: kind === "send email" ? emailBody : smsBody,
        });
        if (response.status === 201) acceptedAt.set(((await response.clone().json()) as { id: string }).id, Date.now());
        break;
      case "read one":
        response = await fetch(`${BASE}/v2/notifications/${anyId ?? "00000000-0000-0000-0000-000000000000"}`, {
          headers: authorization(),
        });
        if (!anyId) expected = 404;
        break;
      case "read list":
        response = await fetch(`${BASE}/v2/notifications?template_type=email`, { headers: authorization() });
        break;
      case "webhook": {
        // SES reports one of the sent emails delivered, as SNS would post it.
        const sent = sentEmails[Math.floor(Math.random() * sentEmails.length)];
        if (!sent) return void count(minute.requests, "webhook (nothing sent yet)");
        const event = fixtureEvent<{ mail: { messageId: string; tags: Record<string, string[]> } }>("ses-delivery");
        event.mail.messageId = sent.reference;
        event.mail.tags = { ...event.mail.tags, notification_id: [sent.id], service_id: [service.id] };
        response = await fetch(`${BASE}/api/webhooks/ses`, {
          method: "POST",
          headers: { "Content-Type": "text/plain; charset=UTF-8" },
          body: JSON.stringify(resignedFixture("ses-delivery", certificates.certificateUrl, event)),
        });
        break;
      }
      case "console page":
        response = await fetch(`${BASE}/sign-in`);
        break;
    }
    const answer = await response.text();
    if (response.status !== expected) {
      count(minute.errors, `${kind} ${response.status}`);
      if (!firstErrors.has(`${kind} ${response.status}`)) {
        firstErrors.set(`${kind} ${response.status}`, answer.slice(0, 200));
        console.log(`first ${kind} ${response.status}: ${answer.slice(0, 200)}`);
      }
    }
  } catch (error) {
    count(minute.errors, `${kind} ${(error as Error).name}`);
  }
}

/** Sends `rate` requests a second, the mix drawn at random, until `ms` have passed. */
async function mixedTraffic(rate: number, ms: number): Promise<void> {
  const started = Date.now();
  const inFlight = new Set<Promise<void>>();
  let issued = 0;
  while (Date.now() - started < ms) {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    for (; issued < due; issued++) {
      let draw = Math.random();
      const kind = MIX.find(([, share]) => (draw -= share) < 0)?.[0] ?? "send email";
      const pending = request(kind).finally(() => inFlight.delete(pending));
      inFlight.add(pending);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await Promise.all(inFlight);
}

worker.stderr.pipe(process.stderr);
if (process.env.BENCH_VERBOSE) worker.stdout.pipe(process.stdout);
try {
  console.log("web app started; waiting for the worker");
  await waitForOutput(worker, /"msg":"worker ready"/, 300_000);
  console.log("worker ready; measuring capacity");
  const capacity = await load({
    url: `${BASE}/v2/notifications/email`,
    body: emailBody,
    headers: authorization,
    connections: 32,
    seconds: Number(process.env.BENCH_CAPACITY_SECONDS ?? 10),
    expectStatus: 201,
  });
  const rate = Number(process.env.BENCH_SOAK_RATE ?? Math.max(1, Math.round(capacity.requestsPerSecond / 2)));
  console.log(
    `\ncapacity: ${capacity.requestsPerSecond} accepted emails/s; soaking ${MINUTES} min of mixed traffic at ${rate} requests/s ` +
      `(${MIX.map(([kind, share]) => `${kind} ${share * 100}%`).join(", ")})`,
  );
  // The capacity run's notifications are not the soak's.
  const arrivalsSeen = { ses: ses.calls.length, sms: sms.calls.length };
  acceptedAt.clear();

  const rss: { web: number; worker: number }[] = [];
  for (let index = 1; index <= MINUTES; index++) {
    minute = { requests: new Map(), errors: new Map() };
    await mixedTraffic(rate, 60_000);
    // Handed to the provider during this minute: from their 201 to the stand-in.
    const delays: number[] = [];
    for (const call of ses.calls.slice(arrivalsSeen.ses)) {
      const accepted = call.notificationId ? acceptedAt.get(call.notificationId) : undefined;
      if (accepted !== undefined) delays.push(call.arrivedAt - accepted);
    }
    for (const call of sms.calls.slice(arrivalsSeen.sms)) {
      const id = call.api === "pinpoint" ? call.request.Context?.notification_id : undefined;
      const accepted = id ? acceptedAt.get(id) : undefined;
      if (accepted !== undefined) delays.push(call.arrivedAt - accepted);
    }
    arrivalsSeen.ses = ses.calls.length;
    arrivalsSeen.sms = sms.calls.length;
    // Emails with SES's reference, for the next minute's webhooks.
    sentEmails.splice(
      0,
      sentEmails.length,
      ...(
        await db.notification.findMany({
          where: { serviceId: service.id, type: "email", status: "sending", providerReference: { not: null } },
          select: { id: true, providerReference: true },
          take: 2_000,
        })
      ).map((row) => ({ id: row.id, reference: row.providerReference! })),
    );
    const memory = { web: rssMb(web.pid!), worker: rssMb(worker.pid!) };
    rss.push(memory);
    const requests = [...minute.requests.values()].reduce((sum, count) => sum + count, 0);
    const errors = [...minute.errors.entries()];
    console.log(
      `minute ${index}: RSS web ${memory.web} MB, worker ${memory.worker} MB; ${requests} requests, ` +
        `${errors.length === 0 ? "no errors" : `errors ${errors.map(([what, count]) => `${what}×${count}`).join(", ")}`}; ` +
        `accepted → provider ${percentiles(delays)}`,
    );
  }
  const growth = (which: "web" | "worker") =>
    rss.length < 2 ? 0 : rss.at(-1)![which] - rss[Math.min(1, rss.length - 1)]![which];
  console.log(
    `RSS from minute 2 to the end: web ${growth("web") >= 0 ? "+" : ""}${growth("web")} MB, worker ${growth("worker") >= 0 ? "+" : ""}${growth("worker")} MB`,
  );
} finally {
  worker.kill("SIGKILL");
  await exitOf(worker);
  web.kill("SIGTERM");
  await ses.close();
  await sms.close();
  await certificates.close();
  await closeConnections();
  await database.drop();
}
