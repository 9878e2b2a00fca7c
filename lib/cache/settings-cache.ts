import "server-only";
import { config } from "@/lib/config";

type Entry = { value: Promise<unknown>; expiresAt: number };

// On globalThis: the web server loads lib twice in one process (Next's bundle for the console,
// plain modules for the directly served /v2 routes), and a change made in the console must reach
// the API's copy at once.
const globalForCache = globalThis as unknown as { tidingsSettingsCache?: Map<string, Entry> };
const entries = (globalForCache.tidingsSettingsCache ??= new Map<string, Entry>());
const MAX_ENTRIES = 50_000;

/**
 * Keeps what the API reads on every request but staff change rarely (a service and its keys, a
 * template's current version, default senders) for SETTINGS_CACHE_SECONDS, so that a busy API does
 * not ask the database the same thing thousands of times a second. Changes made through lib
 * invalidate this process's copy at once; other processes see them within that many seconds
 * (a revoked key keeps working there for at most that long). 0 turns the cache off.
 */
export function cachedSetting<T>(key: string, load: () => Promise<T>, now: number = Date.now()): Promise<T> {
  const ttlMs = config().SETTINGS_CACHE_SECONDS * 1000;
  if (ttlMs === 0) return load();
  const hit = entries.get(key);
  if (hit && hit.expiresAt > now) return hit.value as Promise<T>;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const value = load();
  entries.set(key, { value, expiresAt: now + ttlMs });
  // A failed load is not kept: the next request asks again.
  value.catch(() => entries.get(key)?.value === value && entries.delete(key));
  return value;
}

/** Forgets every cached setting whose key starts with `prefix` (a service id forgets all of that service's). */
export function invalidateSettings(prefix: string): void {
  for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
}
