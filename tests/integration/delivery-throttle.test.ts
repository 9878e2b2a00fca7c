import { describe, expect, it } from "vitest";
import { acceptNotification } from "../support/accepted-notifications";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { makeService, makeTemplate } from "../support/factories";
import { waitFor } from "../support/wait";

const RATE = 5;
const MESSAGES = 30;

const delivery = deliveryHarnessForThisFile({ ses: true, env: { SES_MAX_SEND_RATE: String(RATE) } });

describe("the send rate across worker processes", () => {
  it("holds SES_MAX_SEND_RATE for two workers together, not for each", { timeout: 90_000 }, async () => {
    for (let index = 0; index < 2; index++) await delivery.startWorkerProcess();
    const template = await makeTemplate((await makeService()).id, { type: "email" });
    for (let index = 0; index < MESSAGES; index++)
      await acceptNotification(template, { recipient: `person-${index}@example.com` });

    const { ses } = delivery;
    await waitFor(`all ${MESSAGES} emails to reach SES`, async () => ses.accepted().length >= MESSAGES, 60_000);
    const arrivals = ses
      .accepted()
      .map((call) => call.arrivedAt)
      .sort((a, b) => a - b);
    expect(arrivals).toHaveLength(MESSAGES);

    // The shared bucket allows one second's worth at once, then RATE a second. Each worker alone
    // holding the rate would finish in about half the time. Measured from the first send after the
    // burst: a burst's send can arrive late (a thread's first call is slow on a busy machine), which
    // would shorten the window and overstate the rate.
    const burst = RATE;
    const seconds = (arrivals.at(-1)! - arrivals[burst]!) / 1000;
    const measuredRate = (MESSAGES - burst - 1) / seconds;
    expect(measuredRate).toBeLessThanOrEqual(RATE * 1.15);
    expect(measuredRate).toBeGreaterThan(RATE * 0.5);
  });
});
