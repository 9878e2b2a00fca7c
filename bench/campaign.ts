// npm run bench:campaign – a campaign to BENCH_RECIPIENTS (50,000) subscribers through worker
// processes and an SES stand-in answering after BENCH_LATENCY_MS (30 ms), reporting: the time to
// materialise every recipient as a notification, the time until all are handed to SES with the
// rate no constraint, then a second campaign held at SES_MAX_SEND_RATE=BENCH_RATE (200/s) for
// BENCH_RATED_SECONDS (60 s) with API sends made meanwhile (accepted → handed to SES), and the
// workers' peak RSS. Figures, not pass/fail.
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { db } from "@/lib/db";
import { sendNotification } from "@/lib/notifications/send-notification";
import { OPERATOR } from "@/lib/permissions";
import { closeConnections } from "@/lib/process/close-connections";
import { SENDING_SERVICE_FIELDS } from "@/lib/services/sending-service";
import { makeCampaign, makeCampaignService, makeMailingList } from "../tests/support/campaigns";
import { sesStandInSettings } from "../tests/support/aws-stand-in-settings";
import { exitOf, waitForOutput } from "../tests/support/processes";
import { startSesStandIn, type SesStandIn } from "../tests/support/ses-stand-in";
import { waitFor } from "../tests/support/wait";
import { benchDatabase, startBuiltWorker } from "./support/harness";
import { watchPeakRss } from "./support/memory";

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 50_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const RATED_SECONDS = Number(process.env.BENCH_RATED_SECONDS ?? 60);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 30);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const API_SENDS_PER_SECOND = 2;
const OUT_OF_REACH_RATE = 1_000_000;

const database = await benchDatabase();
const { service, template } = await makeCampaignService();
const sendingService = await db.service.findUniqueOrThrow({
  where: { id: service.id },
  select: SENDING_SERVICE_FIELDS,
});

async function startWorkers(ses: SesStandIn, rate: number): Promise<ChildProcessWithoutNullStreams[]> {
  const workers = await Promise.all(
    Array.from({ length: WORKERS }, () =>
      startBuiltWorker({ LOG_LEVEL: "info", ...sesStandInSettings(ses), SES_MAX_SEND_RATE: String(rate) }),
    ),
  );
  await Promise.all(workers.map((worker) => waitForOutput(worker, /"msg":"worker ready"/, 120_000)));
  return workers;
}

async function stopWorkers(workers: ChildProcessWithoutNullStreams[]) {
  for (const worker of workers) worker.kill("SIGTERM");
  await Promise.all(workers.map((worker) => exitOf(worker)));
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

try {
  console.log(`Building a list of ${RECIPIENTS.toLocaleString("en-GB")} subscribers…`);
  const bigList = await makeMailingList(service.id, RECIPIENTS);

  // 1. Unthrottled: how fast the engine materialises and hands out a whole campaign.
  const unthrottled = await (async () => {
    const ses = await startSesStandIn({ lightweight: true });
    ses.setResponseDelay(LATENCY_MS);
    const workers = await startWorkers(ses, OUT_OF_REACH_RATE);
    const memory = watchPeakRss(workers.map((worker) => worker.pid!));
    try {
      const { id } = await makeCampaign(service.id, template.id, [bigList]);
      const startedAt = Date.now();
      await sendCampaign({ actor: OPERATOR, serviceId: service.id, campaignId: id, scheduledFor: null });
      await waitFor(
        "every recipient to be materialised",
        async () => (await db.campaign.findUniqueOrThrow({ where: { id } })).resumeAfterRow >= RECIPIENTS,
        900_000,
      );
      const materialisedMs = Date.now() - startedAt;
      await waitFor("every email to reach the stand-in", async () => ses.accepted().length >= RECIPIENTS, 900_000);
      const handedMs = Math.max(...ses.accepted().map((call) => call.arrivedAt)) - startedAt;
      return { materialisedMs, handedMs, peaks: memory.peaks() };
    } finally {
      memory.stop();
      await stopWorkers(workers);
      await ses.close();
    }
  })();

  // 2. Held at the configured rate, with API sends going ahead of it.
  const rated = await (async () => {
    const ses = await startSesStandIn({ lightweight: true });
    ses.setResponseDelay(LATENCY_MS);
    const workers = await startWorkers(ses, RATE);
    const memory = watchPeakRss(workers.map((worker) => worker.pid!));
    try {
      const list = await makeMailingList(service.id, RATE * RATED_SECONDS, 10_000_000);
      const { id } = await makeCampaign(service.id, template.id, [list]);
      await sendCampaign({ actor: OPERATOR, serviceId: service.id, campaignId: id, scheduledFor: null });
      const apiIds = new Map<string, number>();
      const sendApi = setInterval(() => {
        void sendNotification(
          { service: sendingService, keyType: "normal" },
          {
            type: "email",
            templateId: template.id,
            recipient: `api-${apiIds.size}@example.com`,
            personalisation: { name: "Ada", reference: "R" },
          },
        ).then(
          (result) =>
            result.notification && apiIds.set(result.notification.id, result.notification.createdAt.getTime()),
        );
      }, 1000 / API_SENDS_PER_SECOND);
      await waitFor(
        "the campaign to be handed out",
        async () =>
          ses.accepted().filter((call) => !apiIds.has(call.notificationId ?? "")).length >= RATE * RATED_SECONDS,
        (RATED_SECONDS + 120) * 1000,
      );
      clearInterval(sendApi);
      await waitFor(
        "the API sends to reach the stand-in",
        async () => ses.accepted().filter((call) => apiIds.has(call.notificationId ?? "")).length >= apiIds.size,
        60_000,
      );
      const campaignArrivals = ses
        .accepted()
        .filter((call) => !apiIds.has(call.notificationId ?? ""))
        .map((call) => call.arrivedAt)
        .sort((a, b) => a - b);
      // After the first second: the bucket starts full.
      const steady = campaignArrivals.filter((at) => at >= campaignArrivals[0]! + 1000);
      const steadyRate = steady.length / ((steady.at(-1)! - steady[0]!) / 1000);
      const delays = ses
        .accepted()
        .flatMap((call) =>
          apiIds.has(call.notificationId ?? "") ? [call.arrivedAt - apiIds.get(call.notificationId!)!] : [],
        )
        .sort((a, b) => a - b);
      const percentile = (p: number) =>
        delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))] ?? NaN;
      return { steadyRate, apiSends: delays.length, p50: percentile(50), p95: percentile(95), peaks: memory.peaks() };
    } finally {
      memory.stop();
      await stopWorkers(workers);
      await ses.close();
    }
  })();

  console.log(`\nCampaigns through ${WORKERS} worker processes, SES stand-in answering after ${LATENCY_MS} ms:`);
  console.log(
    `  materialise ${RECIPIENTS.toLocaleString("en-GB")} recipients: ${seconds(unthrottled.materialisedMs)} s`,
  );
  console.log(
    `  all ${RECIPIENTS.toLocaleString("en-GB")} handed to SES, rate no constraint: ${seconds(unthrottled.handedMs)} s (aim: < 60 s)`,
  );
  console.log(
    `  SES_MAX_SEND_RATE=${RATE} for ${RATED_SECONDS} s: campaign held at ${rated.steadyRate.toFixed(1)}/s = ${((rated.steadyRate / RATE) * 100).toFixed(1)}% of the rate (aim: 95–105%)`,
  );
  console.log(
    `  ${rated.apiSends} API sends meanwhile, accepted → handed to SES: p50 ${rated.p50} ms, p95 ${rated.p95} ms (aim: p95 < 2,000 ms)`,
  );
  console.log(
    `  worker peak RSS: ${[...unthrottled.peaks, ...rated.peaks].map((mb) => `${mb} MB`).join(", ")} (aim: < 200 MB)`,
  );
} finally {
  await closeConnections();
  await database.drop();
}
