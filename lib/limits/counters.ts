import "server-only";
import { redis } from "@/lib/redis";

/**
 * Counters shared by every web process when REDIS_URL is set, otherwise kept in this process (fine
 * for one web process; run several only with Redis). A counter that does not exist yet starts from
 * `initial()`, normally a count from the database, so a restart loses nothing.
 */
export interface Counters {
  add(key: string, amount: number, ttlSeconds: number, initial: () => Promise<number>): Promise<number>;
}

/** Redis did not answer: the caller counts another way (from PostgreSQL) rather than not at all. */
export class CountersUnavailable extends Error {
  constructor(cause: unknown) {
    super(`Redis is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "CountersUnavailable";
  }
}

const memory = new Map<string, { value: number; expiresAt: number }>();
const pending = new Map<string, Promise<number>>();

const memoryCounters: Counters = {
  async add(key, amount, ttlSeconds, initial) {
    const now = Date.now();
    let entry = memory.get(key);
    if (!entry || entry.expiresAt <= now) {
      // Concurrent first uses share one initial count.
      let starting = pending.get(key);
      if (!starting) {
        starting = initial();
        pending.set(key, starting);
      }
      const value = await starting.finally(() => pending.delete(key));
      entry = memory.get(key);
      if (!entry || entry.expiresAt <= now) {
        entry = { value, expiresAt: now + ttlSeconds * 1000 };
        memory.set(key, entry);
      }
    }
    entry.value += amount;
    return entry.value;
  },
};

// Counters this process could not update in Redis: what was counted meanwhile is missing there, so
// the next use starts them again from `initial()` rather than from Redis's stale value.
const staleInRedis = new Set<string>();

export async function counters(): Promise<Counters> {
  const client = await redis();
  if (!client) return memoryCounters;
  return {
    async add(key, amount, ttlSeconds, initial) {
      const inRedis = <T>(work: Promise<T>) =>
        work.catch((error: unknown) => {
          staleInRedis.add(key);
          throw new CountersUnavailable(error);
        });
      if (staleInRedis.has(key)) {
        const value = await initial();
        await inRedis(client.set(key, value, "EX", ttlSeconds));
        staleInRedis.delete(key);
      } else if (!(await inRedis(client.exists(key)))) {
        const value = await initial();
        await inRedis(client.set(key, value, "EX", ttlSeconds, "NX"));
      }
      return inRedis(client.incrby(key, amount));
    },
  };
}
