import "server-only";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { ApiCaller } from "@/lib/api-keys/authenticate";
import { AppError } from "@/lib/errors";
import { redis } from "@/lib/redis";

/** How Notify names key types in rate-limit errors. */
const KEY_TYPE_LABELS = { normal: "LIVE", team: "TEAM", test: "TEST" } as const;

const limiters = new Map<number, RateLimiterAbstract>();

// One limiter per distinct per-minute limit (services can have their own); Redis when configured so
// that every web process draws from the same allowance, with a local limiter if Redis is down.
function limiterFor(points: number): RateLimiterAbstract {
  let limiter = limiters.get(points);
  if (!limiter) {
    const client = redis();
    const memory = new RateLimiterMemory({ points, duration: 60, keyPrefix: "tidings-api" });
    limiter = client
      ? new RateLimiterRedis({
          storeClient: client,
          points,
          duration: 60,
          keyPrefix: "tidings-api",
          insuranceLimiter: memory,
        })
      : memory;
    limiters.set(points, limiter);
  }
  return limiter;
}

/** Counts one request against the service's per-minute allowance for this key type (Notify's rule). */
export async function consumeApiRateLimit({ service, apiKey }: ApiCaller): Promise<void> {
  try {
    await limiterFor(service.rateLimit).consume(`${service.id}:${apiKey.keyType}`);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    throw new AppError(
      "rate_limited",
      `Exceeded rate limit for key type ${KEY_TYPE_LABELS[apiKey.keyType]} of ${service.rateLimit} requests per 60 seconds`,
    );
  }
}
