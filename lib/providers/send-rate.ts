import "server-only";
import { db } from "@/lib/db";

const initialised = new Set<string>();

type SendTokenLease = { granted: number; waitMs: number };

/**
 * A token bucket in PostgreSQL, shared by every worker process, so the provider's send rate holds
 * for the whole deployment however many workers run. Each send takes one token; tokens come back at
 * `ratePerSecond`, up to one second's worth (a quiet spell cannot turn into a burst). The database's
 * clock is the only clock, so workers on different machines agree.
 *
 * A lease takes up to `wanted` tokens in one statement, so a worker sending a batch pays one round
 * trip per lease rather than per message. `keepInReserve` leaves that many in the bucket for others:
 * bulk sends lease with a reserve, so API sends and sign-in codes always find a token waiting.
 * `atLeast` makes a lease wait until that many have come back (never more than the bucket holds).
 */
async function leaseSendTokens(key: string, ratePerSecond: number, lease: SendTokenRequest): Promise<SendTokenLease> {
  const capacity = Math.max(1, ratePerSecond);
  const reserve = Math.min(lease.keepInReserve ?? 0, capacity - 1);
  const atLeast = Math.max(1, Math.min(lease.atLeast ?? 1, lease.wanted, Math.floor(capacity - reserve)));
  if (!initialised.has(key)) {
    await db.$executeRaw`INSERT INTO provider_send_budgets (key, tokens, refilled_at) VALUES (${key}, ${capacity}, clock_timestamp()) ON CONFLICT (key) DO NOTHING`;
    initialised.add(key);
  }
  // Refill from the elapsed time and take what is there, in one statement under the row's lock.
  const [row] = await db.$queryRaw<{ available: number; granted: number }[]>`
    WITH state AS (
      SELECT LEAST(${capacity}::float8, tokens + EXTRACT(EPOCH FROM clock_timestamp() - refilled_at) * ${ratePerSecond}::float8) AS available
      FROM provider_send_budgets WHERE key = ${key} FOR UPDATE
    ), spare AS (
      SELECT available, floor(available - ${reserve}::float8) AS spare FROM state
    ), lease AS (
      SELECT available, (CASE WHEN spare >= ${atLeast}::int THEN LEAST(${lease.wanted}::int, spare) ELSE 0 END)::int AS granted FROM spare
    )
    UPDATE provider_send_budgets
    SET tokens = lease.available - lease.granted, refilled_at = clock_timestamp()
    FROM lease WHERE key = ${key}
    RETURNING lease.available, lease.granted`;
  const available = Number(row?.available ?? 0);
  const granted = Number(row?.granted ?? 0);
  if (granted > 0) return { granted, waitMs: 0 };
  return { granted: 0, waitMs: Math.ceil(((reserve + atLeast - available) / ratePerSecond) * 1000) };
}

type SendTokenRequest = { wanted: number; atLeast?: number; keepInReserve?: number };

// Waiters in one process take turns at the bucket, those with the same reserve in a line of their
// own: left to themselves, every batch waiting on the rate polled the database each time a token
// came back and took it alone, so that at the configured rate every lease, claim and send was one
// message's. A line per reserve keeps API sends and sign-in codes from queuing behind bulk sends.
const turns = new Map<string, Promise<unknown>>();

function inTurn<T>(line: string, take: () => Promise<T>): Promise<T> {
  const taking = (turns.get(line) ?? Promise.resolve()).then(take);
  turns.set(
    line,
    taking.catch(() => undefined),
  );
  return taking;
}

/** Waits until the bucket has `atLeast` tokens beyond the reserve (1 unless told), and takes up to `wanted`. */
export function acquireSendTokens(key: string, ratePerSecond: number, lease: SendTokenRequest): Promise<number> {
  return inTurn(`${key}:${lease.keepInReserve ?? 0}`, async () => {
    for (;;) {
      const { granted, waitMs } = await leaseSendTokens(key, ratePerSecond, lease);
      if (granted > 0) return granted;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, waitMs)));
    }
  });
}

/** Gives back tokens a lease took but did not use (the messages were claimed by someone else meanwhile). */
export async function returnSendTokens(key: string, ratePerSecond: number, count: number): Promise<void> {
  if (count <= 0) return;
  await db.$executeRaw`
    UPDATE provider_send_budgets SET tokens = LEAST(${Math.max(1, ratePerSecond)}::float8, tokens + ${count}::float8)
    WHERE key = ${key}`;
}

/** The most a run of throttling answers holds every worker back: this many seconds of sending. */
const MAX_BACK_OFF_SECONDS = 30;

/**
 * The provider said "too fast" (Throttling, 429): every worker holds back for a second more, taken
 * from the shared bucket as a debt of one second's tokens (up to 30 s while the answers keep
 * coming), so the rate across the deployment falls while the provider throttles and comes back as
 * soon as it stops. The throttled messages themselves are retried later by their jobs.
 */
export async function backOffSendRate(key: string, ratePerSecond: number): Promise<void> {
  const second = Math.max(1, ratePerSecond);
  await db.$executeRaw`
    UPDATE provider_send_budgets
    SET tokens = GREATEST(${-MAX_BACK_OFF_SECONDS * second}::float8, LEAST(tokens, 0) - ${second}::float8)
    WHERE key = ${key}`;
}
