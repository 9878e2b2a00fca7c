import "server-only";
import { db } from "@/lib/db";

const initialised = new Set<string>();

/**
 * A token bucket in PostgreSQL, shared by every worker process, so the provider's send rate holds
 * for the whole deployment however many workers run. Each send takes one token; tokens come back at
 * `ratePerSecond`, up to one second's worth (a quiet spell cannot turn into a burst). The database's
 * clock is the only clock, so workers on different machines agree.
 */
async function takeSendToken(key: string, ratePerSecond: number): Promise<{ granted: boolean; waitMs: number }> {
  const capacity = Math.max(1, ratePerSecond);
  if (!initialised.has(key)) {
    await db.$executeRaw`INSERT INTO provider_send_budgets (key, tokens, refilled_at) VALUES (${key}, ${capacity}, clock_timestamp()) ON CONFLICT (key) DO NOTHING`;
    initialised.add(key);
  }
  // Refill from the elapsed time and take a token in one statement, under the row's lock.
  const [row] = await db.$queryRaw<{ available: number }[]>`
    WITH state AS (
      SELECT LEAST(${capacity}::float8, tokens + EXTRACT(EPOCH FROM clock_timestamp() - refilled_at) * ${ratePerSecond}::float8) AS available
      FROM provider_send_budgets WHERE key = ${key} FOR UPDATE
    )
    UPDATE provider_send_budgets
    SET tokens = CASE WHEN state.available >= 1 THEN state.available - 1 ELSE state.available END, refilled_at = clock_timestamp()
    FROM state WHERE key = ${key}
    RETURNING state.available`;
  const available = Number(row?.available ?? 0);
  if (available >= 1) return { granted: true, waitMs: 0 };
  return { granted: false, waitMs: Math.ceil(((1 - available) / ratePerSecond) * 1000) };
}

/** Waits until the bucket has a token for this send. */
export async function acquireSendToken(key: string, ratePerSecond: number, signal?: AbortSignal): Promise<void> {
  for (;;) {
    signal?.throwIfAborted();
    const { granted, waitMs } = await takeSendToken(key, ratePerSecond);
    if (granted) return;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
