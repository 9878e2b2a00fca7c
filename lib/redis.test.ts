import { afterEach, describe, expect, it, vi } from "vitest";

const settings: { REDIS_URL?: string } = {};
vi.mock("@/lib/config", () => ({ config: () => settings }));
// Says when the process loads ioredis, and hands out a client that connects nowhere.
const loaded: string[] = [];
vi.mock("ioredis", () => {
  loaded.push("ioredis");
  class Redis {
    constructor(readonly url: string) {}
    on() {}
    quit() {
      return Promise.resolve("OK");
    }
  }
  return { Redis };
});
const { disconnectRedis, redis } = await import("./redis");

afterEach(async () => {
  await disconnectRedis();
  delete settings.REDIS_URL;
});

describe("redis", () => {
  it("is null without REDIS_URL, and ioredis is never loaded", async () => {
    expect(await redis()).toBeNull();
    expect(loaded).toEqual([]);
  });

  it("connects once REDIS_URL is set, one client for every caller", async () => {
    settings.REDIS_URL = "redis://127.0.0.1:6379";
    const [first, second] = await Promise.all([redis(), redis()]);
    expect(first).toMatchObject({ url: "redis://127.0.0.1:6379" });
    expect(second).toBe(first);
    expect(loaded).toEqual(["ioredis"]);
  });
});
