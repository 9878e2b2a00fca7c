import "server-only";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A segment that is a word (letters, digits, dashes, underscores), short enough to be a route's own.
const STATIC_SEGMENT = /^[a-z][a-z0-9_-]{0,39}$/i;

/**
 * The route pattern of a path, for metric labels: ids become `[id]` and other variable segments
 * `[param]`, so that label values stay few. Paths that matched no route are all one pattern.
 */
export function routePatternOf(path: string, status: number): string {
  if (status === 404) return "unmatched";
  const pathname = path.split("?")[0] ?? "/";
  if (pathname.startsWith("/_next/")) return "/_next/*";
  const segments = pathname
    .split("/")
    .filter(Boolean)
    .slice(0, 8)
    .map((segment) => (UUID.test(segment) ? "[id]" : STATIC_SEGMENT.test(segment) ? segment : "[param]"));
  return `/${segments.join("/")}`;
}

/** "2xx", "4xx", …: the status classes UNIVAF's dashboards watch. */
export const statusClassOf = (status: number): string => `${Math.floor(status / 100)}xx`;
