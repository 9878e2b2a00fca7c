import { describe, expect, it } from "vitest";
import { InFlightLimit } from "./in-flight-limit";

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 10));
  return done;
};

describe("the sends a worker keeps in flight", () => {
  it("waits until as many slots as a batch needs are free, not just one", async () => {
    const limit = new InFlightLimit(8);
    let finish!: () => void;
    const running = limit.run(7, () => new Promise<void>((resolve) => (finish = resolve)));
    expect(limit.leastBatch(null)).toBe(2);
    expect(await limit.freeSlots(null)).toBe(1);
    const two = limit.freeSlots(null, 2);
    expect(await settled(two)).toBe(false);
    finish();
    await running;
    expect(await two).toBe(8);
  });

  it("never waits for more slots than the limit has", async () => {
    const limit = new InFlightLimit(4);
    expect(await limit.freeSlots(null, 100)).toBe(4);
  });
});
