// npm run bench:delivery – emails a worker process hands to SES per second when the send rate is no
// constraint, and how closely a configured SES_MAX_SEND_RATE is kept. Both against the SES stand-in
// the integration tests use, on this machine; figures, not pass/fail.
import { disconnectDb } from "@/lib/db";
import { stopJobSender } from "@/lib/queue/boss";
import { acceptNotification } from "../tests/support/accepted-notifications";
import { makeService, makeTemplate } from "../tests/support/factories";
import { exitOf, startScript, waitForOutput } from "../tests/support/processes";
import { startSesStandIn } from "../tests/support/ses-stand-in";
import { waitFor } from "../tests/support/wait";
import { benchDatabase } from "./support/harness";
import { sesStandInSettings } from "../tests/support/aws-stand-in-settings";

const UNLIMITED_MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const CONFIGURED_RATE = Number(process.env.BENCH_RATE ?? 20);
const RATED_MESSAGES = CONFIGURED_RATE * 10;
// Far above anything one machine reaches, so the token bucket is taken but never waits.
const OUT_OF_REACH_RATE = 100_000;

const database = await benchDatabase();
const template = await makeTemplate((await makeService({ trialMode: false })).id, { type: "email" });

/** Queues `count` emails, then starts a worker and times their arrival at a fresh SES stand-in. */
async function deliver(count: number, rate: number): Promise<{ seconds: number; perSecond: number }> {
  const ses = await startSesStandIn();
  for (let index = 0; index < count; index++)
    await acceptNotification(template, { recipient: `bench-${index}@example.com` });
  const worker = startScript("workers/index.ts", [], {
    LOG_LEVEL: "info",
    ...sesStandInSettings(ses),
    SES_MAX_SEND_RATE: String(rate),
  });
  try {
    await waitForOutput(worker, /"msg":"worker ready"/);
    await waitFor(`${count} emails to reach the stand-in`, async () => ses.accepted().length >= count, 600_000);
    const arrivals = ses
      .accepted()
      .map((call) => call.arrivedAt)
      .sort((a, b) => a - b);
    const seconds = (arrivals.at(-1)! - arrivals[0]!) / 1000;
    return { seconds, perSecond: count / seconds };
  } finally {
    worker.kill("SIGTERM");
    await exitOf(worker);
    await ses.close();
  }
}

try {
  const unlimited = await deliver(UNLIMITED_MESSAGES, OUT_OF_REACH_RATE);
  const rated = await deliver(RATED_MESSAGES, CONFIGURED_RATE);
  // The bucket starts full: the first second's worth goes at once, the rest at the rate.
  const measuredRate = (RATED_MESSAGES - CONFIGURED_RATE) / rated.seconds;

  console.log(`\nEmails handed to the SES stand-in by one worker process:`);
  console.log(
    `  rate no constraint (${OUT_OF_REACH_RATE}/s): ${UNLIMITED_MESSAGES} emails in ${unlimited.seconds.toFixed(1)} s = ${unlimited.perSecond.toFixed(0)} emails/s`,
  );
  console.log(
    `  SES_MAX_SEND_RATE=${CONFIGURED_RATE}: ${RATED_MESSAGES} emails in ${rated.seconds.toFixed(1)} s = ${measuredRate.toFixed(2)}/s after the first second's burst`,
  );
  console.log(`Measured / configured rate: ${((measuredRate / CONFIGURED_RATE) * 100).toFixed(1)}% (aim: about 100%)`);
} finally {
  await stopJobSender();
  await disconnectDb();
  await database.drop();
}
