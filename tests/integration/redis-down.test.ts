import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { disconnectRedis } from "@/lib/redis";
import { apiServerForThisFile } from "../support/api-harness";
import { authorizationFor } from "../support/api-token";
import { makeApiKey, makeService, makeTemplate } from "../support/factories";
import { startRedisServer, type RedisServer } from "../support/redis-server";

const api = apiServerForThisFile();
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
  process.env.REDIS_URL = redis.url;
  resetConfig();
  await disconnectRedis();
});
afterAll(async () => {
  await disconnectRedis();
  await redis?.stop();
});

async function limitedService(limits: { emailMessageLimit?: number; rateLimit?: number }) {
  const service = await makeService({ trialMode: false });
  await db.service.update({ where: { id: service.id }, data: limits });
  return {
    template: await makeTemplate(service.id, { type: "email" }),
    key: (await makeApiKey(service.id, "normal")).key,
  };
}

const send = async ({ template, key }: Awaited<ReturnType<typeof limitedService>>, index: number) => {
  const response = await fetch(`${api.url()}/v2/notifications/email`, {
    method: "POST",
    headers: { authorization: authorizationFor(key), "content-type": "application/json" },
    body: JSON.stringify({
      email_address: `person-${index}@example.com`,
      template_id: template.id,
      personalisation: { name: "Ada", reference: "R" },
    }),
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await response.json()) as { errors?: { error: string }[] };
  return `${response.status}${body.errors ? ` ${body.errors[0]!.error}` : ""}`;
};

describe("with REDIS_URL set and Redis not answering", () => {
  it("still enforces the daily limit, counted from PostgreSQL, and starts again from it once Redis is back", async () => {
    const service = await limitedService({ emailMessageLimit: 3 });
    expect(await send(service, 0)).toBe("201");

    redis.freeze();
    try {
      const answers = [];
      for (let index = 1; index <= 3; index++) answers.push(await send(service, index));
      expect(answers).toEqual(["201", "201", "429 TooManyRequestsError"]);
    } finally {
      redis.thaw();
    }
    // Redis still holds the count of one from before: the two sent meanwhile are counted again from PostgreSQL.
    expect(await send(service, 4)).toBe("429 TooManyRequestsError");
    expect(await db.notification.count({ where: { templateId: service.template.id } })).toBe(3);
  });

  it("still enforces the per-minute rate limit, in each web process on its own", async () => {
    const service = await limitedService({ rateLimit: 3 });
    redis.freeze();
    try {
      const answers = [];
      for (let index = 0; index < 4; index++) answers.push(await send(service, index));
      expect(answers).toEqual(["201", "201", "201", "429 RateLimitError"]);
    } finally {
      redis.thaw();
    }
  });
});
