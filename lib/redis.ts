import "server-only";
import { Redis } from "ioredis";
import { config } from "@/lib/config";
import { log } from "@/lib/log";

const globalForRedis = globalThis as unknown as { tidingsRedis?: Redis | null };

/** The shared Redis connection when REDIS_URL is set; null means "this process keeps counters itself". */
export function redis(): Redis | null {
  if (globalForRedis.tidingsRedis === undefined) {
    const url = config().REDIS_URL;
    globalForRedis.tidingsRedis = url
      ? // A command Redis does not answer within a second fails, so that the limits fall back (lib/limits)
        // instead of holding the request: a Redis that stopped answering is as good as a Redis that is down.
        new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false, commandTimeout: 1000 })
      : null;
    globalForRedis.tidingsRedis?.on("error", (error) => log.warn({ err: error }, "redis error"));
  }
  return globalForRedis.tidingsRedis;
}

export async function disconnectRedis(): Promise<void> {
  const client = globalForRedis.tidingsRedis;
  globalForRedis.tidingsRedis = undefined;
  await client?.quit().catch(() => undefined);
}
