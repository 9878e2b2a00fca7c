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

    // The shared bucket's promise: in any stretch of time, at most one second's worth at once plus
    // RATE a second, checked over every stretch between two arrivals. Each worker alone holding the
    // rate would send twice that: 15 more than it allows over these 30. The slack is a second of
    // sends: sends that arrive late (a sending thread's first call is slow on a busy machine) bunch
    // with those due after them.
    const slack = RATE + 1;
    let worst = { excess: -Infinity, sends: 0, seconds: 0 };
    for (let first = 0; first < arrivals.length; first++)
      for (let last = first; last < arrivals.length; last++) {
        const seconds = (arrivals[last]! - arrivals[first]!) / 1000;
        const sends = last - first + 1;
        const excess = sends - (RATE + RATE * seconds);
        if (excess > worst.excess) worst = { excess, sends, seconds };
      }
    expect(worst.excess, `${worst.sends} sends within ${worst.seconds.toFixed(2)} s`).toBeLessThanOrEqual(slack);
    // And not far under the rate either.
    const overall = (MESSAGES - RATE) / ((arrivals.at(-1)! - arrivals[0]!) / 1000);
    expect(overall).toBeGreaterThan(RATE * 0.5);
  });
});
