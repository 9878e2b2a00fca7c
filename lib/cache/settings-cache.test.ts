import { beforeEach, describe, expect, it, vi } from "vitest";

const settings = { SETTINGS_CACHE_SECONDS: 2 };
vi.mock("@/lib/config", () => ({ config: () => settings }));
const { cachedSetting, invalidateSettings } = await import("./settings-cache");

describe("cachedSetting", () => {
  beforeEach(() => {
    settings.SETTINGS_CACHE_SECONDS = 2;
    invalidateSettings("");
  });

  it("loads once within the time to live, and again after it", async () => {
    const load = vi.fn(async () => "value");
    await cachedSetting("service-a:keys", load, 0);
    await cachedSetting("service-a:keys", load, 1_999);
    expect(load).toHaveBeenCalledTimes(1);
    await cachedSetting("service-a:keys", load, 2_000);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("shares one load between callers that ask at the same time", async () => {
    const load = vi.fn(async () => "value");
    await Promise.all([cachedSetting("k", load, 0), cachedSetting("k", load, 0)]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("forgets every entry of a service when it is invalidated", async () => {
    const load = vi.fn(async () => "value");
    await cachedSetting("service-a:keys", load, 0);
    await cachedSetting("service-a:template:t", load, 0);
    await cachedSetting("service-b:keys", load, 0);
    invalidateSettings("service-a");
    await cachedSetting("service-a:keys", load, 1);
    await cachedSetting("service-a:template:t", load, 1);
    await cachedSetting("service-b:keys", load, 1);
    expect(load).toHaveBeenCalledTimes(5);
  });

  it("does not keep a failed load", async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error("database down")).mockResolvedValue("value");
    await expect(cachedSetting("k", load, 0)).rejects.toThrow("database down");
    await expect(cachedSetting("k", load, 1)).resolves.toBe("value");
  });

  it("loads every time when the cache is turned off", async () => {
    settings.SETTINGS_CACHE_SECONDS = 0;
    const load = vi.fn(async () => "value");
    await cachedSetting("k", load, 0);
    await cachedSetting("k", load, 0);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
