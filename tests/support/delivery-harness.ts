import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { afterAll, beforeAll } from "vitest";
import { config, resetConfig } from "@/lib/config";
import { jobRegistry, loopRegistry, scheduledJobs } from "@/workers/registry";
import { startWorker, type RunningWorker, type WorkerOptions } from "@/workers/runtime";
import { sesStandInSettings, smsStandInSettings } from "./aws-stand-in-settings";
import { exitOf, runScript, startBuilt, startScript, waitForOutput } from "./processes";
import { startSesStandIn, type SesStandIn } from "./ses-stand-in";
import { startSmsStandIn, type SmsStandIn, type SmsStandInOptions } from "../../scripts/stand-ins/sms";

type HarnessOptions = {
  /** Start the SES stand-in and send email through it. */
  ses?: boolean;
  /** Start the SMS stand-in (with these options) and send text messages through it (both SMS providers). */
  sms?: boolean | SmsStandInOptions;
  /** This file's own settings, set with the stand-ins' before any worker starts. */
  env?: Record<string, string>;
  /** Start an in-process worker once all is set; otherwise the tests start theirs when they need one. */
  worker?: boolean;
};

type DeliveryHarness = {
  /** Available once the file's tests run (read it inside hooks and tests, not when the file loads). */
  readonly ses: SesStandIn;
  readonly sms: SmsStandIn;
  /** An in-process worker with the tests' timings; stopped after the file unless the test stops it. */
  startWorker: (options?: Partial<WorkerOptions>) => Promise<RunningWorker>;
  /**
   * A worker process, as `npm run start:worker` runs it, once it is ready; killed after the file.
   * `built`: compiled to JavaScript first and run with plain node, as production runs it.
   */
  startWorkerProcess: (options?: { built?: boolean }) => Promise<ChildProcessWithoutNullStreams>;
};

/**
 * Delivery for this test file: the AWS stand-ins it asks for, the environment pointing the real SDK
 * clients at them (worker processes inherit it), workers, and everything stopped after the file.
 */
export function deliveryHarnessForThisFile(options: HarnessOptions = {}): DeliveryHarness {
  let ses: SesStandIn | undefined;
  let sms: SmsStandIn | undefined;
  const workers: RunningWorker[] = [];
  const processes: ChildProcessWithoutNullStreams[] = [];

  const harness: DeliveryHarness = {
    get ses() {
      if (!ses) throw new Error("no SES stand-in: pass { ses: true }, and read it once the tests run");
      return ses;
    },
    get sms() {
      if (!sms) throw new Error("no SMS stand-in: pass { sms: true }, and read it once the tests run");
      return sms;
    },
    startWorker: async (overrides = {}) => {
      const started = await startWorker({
        databaseUrl: config().DATABASE_URL,
        jobs: jobRegistry,
        scheduled: scheduledJobs(),
        loops: loopRegistry,
        heartbeatSeconds: 5,
        shutdownTimeoutSeconds: 5,
        ...overrides,
      });
      workers.push(started);
      return started;
    },
    startWorkerProcess: async ({ built = false } = {}) => {
      // Sending from threads, as a worker process does by default (workers inside the test file do not).
      const env = { LOG_LEVEL: "info", DELIVERY_SEND_THREADS: "2" };
      if (built && (await runScript("scripts/build-server.ts")).code !== 0) throw new Error("the build failed");
      const child = built ? startBuilt("dist/worker.js", env) : startScript("workers/index.ts", [], env);
      processes.push(child);
      await waitForOutput(child, /"msg":"worker ready"/);
      return child;
    },
  };

  beforeAll(async () => {
    if (options.ses) ses = await startSesStandIn();
    if (options.sms) sms = await startSmsStandIn(options.sms === true ? {} : options.sms);
    Object.assign(process.env, {
      ...(ses && sesStandInSettings(ses)),
      ...(sms && smsStandInSettings(sms)),
      ...options.env,
    });
    resetConfig();
    if (options.worker) await harness.startWorker();
  });
  afterAll(async () => {
    // Stopping twice is harmless: a worker's stop returns the first stop's promise.
    for (const running of workers) await running.stop();
    for (const child of processes) {
      child.kill("SIGKILL");
      await exitOf(child);
    }
    await ses?.close();
    await sms?.close();
  });
  return harness;
}
