import "server-only";
import type { Redis } from "ioredis";
import { config } from "@/lib/config";
import { log } from "@/lib/log";

const globalForRedis = globalThis as unknown as { tidingsRedis?: Promise<Redis | null> };

/**
 * The shared Redis connection when REDIS_URL is set; null means "this process keeps counters
 * itself". ioredis is loaded only then: a process without Redis saves the ~8 MB it takes.
 */
export function redis(): Promise<Redis | null> {
  globalForRedis.tidingsRedis ??= connect(config().REDIS_URL);
  return globalForRedis.tidingsRedis;
}

async function connect(url: string | undefined): Promise<Redis | null> {
  if (!url) return null;
  const { Redis } = await import("ioredis");
  // A command Redis does not answer within a second fails, so that the limits fall back (lib/limits)
  // instead of holding the request: a Redis that stopped answering is as good as a Redis that is down.
  const client = new Redis(url, {
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    lazyConnect: false,
    commandTimeout: 1000,
  });
  client.on("error", (error) => log.warn({ err: error }, "redis error"));
  return client;
}

export async function disconnectRedis(): Promise<void> {
  const client = globalForRedis.tidingsRedis;
  globalForRedis.tidingsRedis = undefined;
  await (await client)?.quit().catch(() => undefined);
}
