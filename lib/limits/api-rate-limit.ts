import "server-only";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { ApiCaller } from "@/lib/api-keys/authenticate";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { redis } from "@/lib/redis";

/** How Notify names key types in rate-limit errors. */
const KEY_TYPE_LABELS = { normal: "LIVE", team: "TEAM", test: "TEST" } as const;

/**
 * Sends draw from the service's own allowance (Notify's rule); every other request (reads such as
 * polling for statuses) from a separate one of API_READ_RATE_LIMIT, so polling never uses up sends.
 */
export type ApiRequestKind = "send" | "read";

const limiters = new Map<string, RateLimiterAbstract>();

// One limiter per kind and distinct per-minute limit (services can have their own); Redis when
// configured so that every web process draws from the same allowance, with a local limiter if
// Redis is down.
async function limiterFor(kind: ApiRequestKind, points: number): Promise<RateLimiterAbstract> {
  // Before the lookup, so that requests arriving together find and share one limiter.
  const client = await redis();
  const keyPrefix = kind === "send" ? "tidings-api" : "tidings-api-read";
  let limiter = limiters.get(`${keyPrefix}:${points}`);
  if (!limiter) {
    const memory = new RateLimiterMemory({ points, duration: 60, keyPrefix });
    limiter = client
      ? new RateLimiterRedis({ storeClient: client, points, duration: 60, keyPrefix, insuranceLimiter: memory })
      : memory;
    limiters.set(`${keyPrefix}:${points}`, limiter);
  }
  return limiter;
}

/** Counts one request against the service's per-minute allowance of its kind for this key type. */
export async function consumeApiRateLimit({ service, apiKey }: ApiCaller, kind: ApiRequestKind): Promise<void> {
  const points = kind === "send" ? service.rateLimit : config().API_READ_RATE_LIMIT;
  try {
    await (await limiterFor(kind, points)).consume(`${service.id}:${apiKey.keyType}`);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const what = kind === "send" ? "for" : "for reading with";
    throw new AppError(
      "rate_limited",
      `Exceeded rate limit ${what} key type ${KEY_TYPE_LABELS[apiKey.keyType]} of ${points} requests per 60 seconds`,
    );
  }
}
