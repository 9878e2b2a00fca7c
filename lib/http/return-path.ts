import "server-only";
const FALLBACK = "/services";
// An origin no real address has: resolving against it shows whether a path stays on our site.
const PROBE_ORIGIN = "https://return-path.invalid";

// What a browser reads as the start of another host (`//evil`, `/\evil`), or as nothing at all.
const looksForeign = (path: string) =>
  !path.startsWith("/") || path.startsWith("//") || path.includes("\\") || /[\u0000-\u001f\u007f]/.test(path);

/** Undoes percent-encoding as often as it was applied; null when the encoding is broken. */
function fullyDecoded(path: string): string | null {
  let current = path;
  for (let round = 0; round < 5; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}

/**
 * Where to go after signing in, from a `callbackUrl` anyone can craft: only a path on this site,
 * else the services page. Browsers drop tabs and newlines from URLs and read backslashes as
 * slashes, so `/\t/evil.example` and `/\evil.example` lead off-site: the path is judged as the
 * browser will read it, and again with every layer of percent-encoding undone.
 */
export function safeReturnPath(value: string | string[] | undefined): string {
  if (typeof value !== "string") return FALLBACK;
  const path = value.replace(/[\t\n\r]/g, "");
  const decoded = fullyDecoded(path);
  if (decoded === null || looksForeign(path) || looksForeign(decoded)) return FALLBACK;
  const url = new URL(path, PROBE_ORIGIN);
  if (url.origin !== PROBE_ORIGIN) return FALLBACK;
  return `${url.pathname}${url.search}${url.hash}`;
}
