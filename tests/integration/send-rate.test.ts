import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { acquireSendTokens } from "@/lib/providers/send-rate";

const RATE = 100;

/** A bucket of its own for each test, emptied: the first lease takes the second's worth it starts with. */
async function emptyBucket(key: string): Promise<void> {
  expect(await acquireSendTokens(key, RATE, { wanted: RATE })).toBe(RATE);
}

describe("the shared send rate's leases", () => {
  // Every statement that changes a bucket, counted, so that a test can say how many round trips a lease cost.
  beforeAll(async () => {
    await db.$executeRawUnsafe(`CREATE TABLE budget_updates (key text NOT NULL)`);
    await db.$executeRawUnsafe(`
      CREATE FUNCTION count_budget_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO budget_updates VALUES (NEW.key); RETURN NEW; END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER count_budget_update AFTER UPDATE ON provider_send_budgets FOR EACH ROW EXECUTE FUNCTION count_budget_update()`,
    );
  });
  afterAll(async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER count_budget_update ON provider_send_budgets`);
  });
  const updatesOf = async (key: string) =>
    Number((await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM budget_updates WHERE key = ${key}`)[0]!.count);

  it("waits until the least a lease asks for has come back, and takes it in one go", async () => {
    await emptyBucket("ses-least");
    const startedAt = performance.now();
    const granted = await acquireSendTokens("ses-least", RATE, { wanted: 50, atLeast: 20 });
    // 20 tokens at 100 a second come back in 200 ms; taken as they came, the first would be in 10.
    expect(granted).toBeGreaterThanOrEqual(20);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(150);
  });

  it("lets the batches of one process waiting on the rate take turns, each with one lease", async () => {
    await emptyBucket("ses-turns");
    const before = await updatesOf("ses-turns");
    const grants = await Promise.all(
      Array.from({ length: 5 }, () => acquireSendTokens("ses-turns", RATE, { wanted: 10, atLeast: 10 })),
    );
    expect(grants).toEqual([10, 10, 10, 10, 10]);
    // Five leases and the odd early look. Each batch polling for every token as it came back (what
    // they did) took one token a lease: 50 statements or more.
    expect((await updatesOf("ses-turns")) - before).toBeLessThanOrEqual(12);
  });

  it("never asks a lease to wait for more than the bucket can hold beyond its reserve", async () => {
    await emptyBucket("ses-cap");
    // 500 could never be there at once in a bucket of 100 with 20 kept back: the lease takes 80.
    expect(await acquireSendTokens("ses-cap", RATE, { wanted: 500, atLeast: 500, keepInReserve: 20 })).toBe(80);
  });

  it("keeps sends that may use the reserve out of the line of bulk sends waiting beyond it", async () => {
    await emptyBucket("ses-lines");
    const bulk = acquireSendTokens("ses-lines", RATE, { wanted: 50, atLeast: 50, keepInReserve: 20 });
    const startedAt = performance.now();
    expect(await acquireSendTokens("ses-lines", RATE, { wanted: 1 })).toBe(1);
    // The bulk lease needs 700 ms of tokens; the sign-in code one token, 10 ms.
    expect(performance.now() - startedAt).toBeLessThan(400);
    expect(await bulk).toBeGreaterThanOrEqual(50);
  });
});
