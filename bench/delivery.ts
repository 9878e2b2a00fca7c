// npm run bench:delivery – emails worker processes hand to an SES stand-in that answers after
// BENCH_LATENCY_MS (30 ms), measured at the stand-in: one worker and then two with the rate no
// constraint (and the scale-out factor of the second), then the rate held at a configured
// SES_MAX_SEND_RATE (500/s by default) by two workers together. Figures, not pass/fail.
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { closeConnections } from "@/lib/process/close-connections";
import { makeService, makeTemplate } from "../tests/support/factories";
import { exitOf, waitForOutput } from "../tests/support/processes";
import { startSesStandIn } from "../tests/support/ses-stand-in";
import { sesStandInSettings } from "../tests/support/aws-stand-in-settings";
import { waitFor } from "../tests/support/wait";
import { benchDatabase, startBuiltWorker } from "./support/harness";
import { watchCpu, type CpuUse } from "./support/cpu";
import { watchPeakRss } from "./support/memory";
import { queueEmails } from "./support/queue-notifications";

const UNLIMITED_MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const CONFIGURED_RATE = Number(process.env.BENCH_RATE ?? 500);
const RATED_SECONDS = Number(process.env.BENCH_RATED_SECONDS ?? 20);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 30);
// Far above anything one machine reaches, so the token bucket is taken but never waits.
const OUT_OF_REACH_RATE = 1_000_000;

const database = await benchDatabase();
const service = await makeService({ trialMode: false });
const template = await makeTemplate(service.id, { type: "email" });

type Run = {
  count: number;
  seconds: number;
  perSecond: number;
  steadyPerSecond: number;
  secondHalfPerSecond: number;
  peakRssMb: number[];
  cpu: CpuUse;
};

/** Queues `count` emails, then starts `workers` worker processes and times the emails' arrival at a fresh stand-in. */
async function deliver(count: number, rate: number, workers: number): Promise<Run> {
  const ses = await startSesStandIn({ lightweight: true });
  ses.setResponseDelay(LATENCY_MS);
  await queueEmails(template, count);
  const processes: ChildProcessWithoutNullStreams[] = [];
  let memory: ReturnType<typeof watchPeakRss> | undefined;
  let cpu: ReturnType<typeof watchCpu> | undefined;
  try {
    for (let started = 0; started < workers; started++) {
      const worker = await startBuiltWorker({
        LOG_LEVEL: "info",
        ...sesStandInSettings(ses),
        SES_MAX_SEND_RATE: String(rate),
      });
      processes.push(worker);
    }
    await Promise.all(processes.map((worker) => waitForOutput(worker, /"msg":"worker ready"/, 120_000)));
    memory = watchPeakRss(processes.map((worker) => worker.pid!));
    cpu = watchCpu(processes.map((worker) => worker.pid!));
    await waitFor(`${count} emails to reach the stand-in`, async () => ses.accepted().length >= count, 900_000);
    const cpuUse = cpu.stop();
    const arrivals = ses
      .accepted()
      .map((call) => call.arrivedAt)
      .sort((a, b) => a - b);
    const seconds = (arrivals.at(-1)! - arrivals[0]!) / 1000;
    // After the first second: the bucket starts full, and workers start a moment apart.
    const steady = arrivals.filter((at) => at >= arrivals[0]! + 1000);
    const steadySeconds = (steady.at(-1)! - steady[0]!) / 1000;
    // A bucket left full while the workers were still starting is spent after the first second;
    // by the second half of the run it has long been spent.
    const secondHalf = arrivals.slice(Math.floor(arrivals.length / 2));
    const secondHalfSeconds = (secondHalf.at(-1)! - secondHalf[0]!) / 1000;
    const peakRssMb = memory.peaks();
    return {
      count,
      seconds,
      perSecond: count / seconds,
      steadyPerSecond: steady.length / steadySeconds,
      secondHalfPerSecond: (secondHalf.length - 1) / secondHalfSeconds,
      peakRssMb,
      cpu: cpuUse,
    };
  } finally {
    memory?.stop();
    for (const worker of processes) worker.kill("SIGTERM");
    await Promise.all(processes.map((worker) => exitOf(worker)));
    await ses.close();
  }
}

const describe = (label: string, run: Run) =>
  `  ${label}: ${run.count} emails in ${run.seconds.toFixed(1)} s = ${run.perSecond.toFixed(0)} emails/s (after the first second ${run.steadyPerSecond.toFixed(0)}/s); worker peak RSS ${run.peakRssMb.map((mb) => `${mb} MB`).join(", ")}\n` +
  `    CPU: the machine busy on ${run.cpu.machineBusyCores.toFixed(2)} of ${run.cpu.cores} cores, the worker${run.cpu.processCores.length > 1 ? "s" : ""} using ${run.cpu.processCores.map((cores) => cores.toFixed(2)).join(" + ")}`;

try {
  const one = await deliver(UNLIMITED_MESSAGES, OUT_OF_REACH_RATE, 1);
  const two = await deliver(UNLIMITED_MESSAGES, OUT_OF_REACH_RATE, 2);
  const rated = await deliver(CONFIGURED_RATE * RATED_SECONDS, CONFIGURED_RATE, 2);

  console.log(`\nEmails handed to an SES stand-in answering after ${LATENCY_MS} ms:`);
  console.log(describe("one worker, rate no constraint", one));
  console.log(describe("two workers, rate no constraint", two));
  console.log(`  scale-out factor of the second worker: ${(two.perSecond / one.perSecond).toFixed(2)}× (aim: ≥ 1.7×)`);
  console.log(
    `  (one worker left ${(one.cpu.cores - one.cpu.machineBusyCores).toFixed(2)} of ${one.cpu.cores} cores idle: a second worker on the same machine can add only what those carry)`,
  );
  console.log(describe(`two workers, SES_MAX_SEND_RATE=${CONFIGURED_RATE}`, rated));
  console.log(
    `  measured / configured rate after the first second: ${((rated.steadyPerSecond / CONFIGURED_RATE) * 100).toFixed(1)}% (aim: 95–105%); over the second half of the run: ${((rated.secondHalfPerSecond / CONFIGURED_RATE) * 100).toFixed(1)}%`,
  );
} finally {
  await closeConnections();
  await database.drop();
}
