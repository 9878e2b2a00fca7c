import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config";
import { acceptNotification } from "../support/accepted-notifications";
import { makeService, makeTemplate } from "../support/factories";
import { exitOf, startScript, waitForOutput } from "../support/processes";
import { startSesStandIn, type SesStandIn } from "../support/ses-stand-in";
import { waitFor } from "../support/wait";
import { sesStandInSettings } from "../support/aws-stand-in-settings";

const RATE = 5;
const MESSAGES = 30;

let ses: SesStandIn;
const workers: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  ses = await startSesStandIn();
  // Inherited by the worker processes, which read their configuration from the environment.
  Object.assign(process.env, {
    ...sesStandInSettings(ses),
    SES_MAX_SEND_RATE: String(RATE),
  });
  resetConfig();
});
afterAll(async () => {
  for (const worker of workers) {
    worker.kill("SIGKILL");
    await exitOf(worker);
  }
  await ses?.close();
});

describe("the send rate across worker processes", () => {
  it("holds SES_MAX_SEND_RATE for two workers together, not for each", { timeout: 90_000 }, async () => {
    for (let index = 0; index < 2; index++) {
      const worker = startScript("workers/index.ts", [], { LOG_LEVEL: "info", DELIVERY_SEND_THREADS: "2" });
      workers.push(worker);
      await waitForOutput(worker, /"msg":"worker ready"/);
    }
    const template = await makeTemplate((await makeService()).id, { type: "email" });
    for (let index = 0; index < MESSAGES; index++)
      await acceptNotification(template, { recipient: `person-${index}@example.com` });

    await waitFor(`all ${MESSAGES} emails to reach SES`, async () => ses.accepted().length >= MESSAGES, 60_000);
    const arrivals = ses
      .accepted()
      .map((call) => call.arrivedAt)
      .sort((a, b) => a - b);
    expect(arrivals).toHaveLength(MESSAGES);

    // The shared bucket allows one second's worth at once, then RATE a second. Each worker alone
    // holding the rate would finish in about half the time.
    const burst = RATE;
    const seconds = (arrivals.at(-1)! - arrivals[0]!) / 1000;
    const measuredRate = (MESSAGES - burst) / seconds;
    expect(measuredRate).toBeLessThanOrEqual(RATE * 1.15);
    expect(measuredRate).toBeGreaterThan(RATE * 0.5);
  });
});
