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

export function counters(): Counters {
  const client = redis();
  if (!client) return memoryCounters;
  return {
    async add(key, amount, ttlSeconds, initial) {
      if (!(await client.exists(key))) await client.set(key, await initial(), "EX", ttlSeconds, "NX");
      return client.incrby(key, amount);
    },
  };
}
