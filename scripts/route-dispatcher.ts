import { readdirSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { holdBody } from "@/lib/http/read-limited-text";
import { API_CONTENT_SECURITY_POLICY, securityHeaders } from "@/lib/http/security-headers";
import { DIRECT_PREFIXES } from "./direct-routes";

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response> | Response;
type Route = {
  directory: string;
  pattern: RegExp;
  paramNames: { name: string; catchAll: boolean }[];
  rank: number[];
  file: string;
};

function findRouteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findRouteFiles(full);
    // route.ts from the sources, route.js from the production build (scripts/build-server.ts).
    return /^route\.[jt]s$/.test(entry.name) ? [full] : [];
  });
}

function compile(appDir: string, file: string): Route {
  const segments = path
    .relative(appDir, path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment && !segment.startsWith("("));
  const paramNames: Route["paramNames"] = [];
  // Next.js prefers static segments to dynamic ones, and dynamic ones to catch-alls.
  const rank: number[] = [];
  const source = segments
    .map((segment) => {
      const catchAll = /^\[\.\.\.(.+)\]$/.exec(segment);
      if (catchAll) {
        paramNames.push({ name: catchAll[1]!, catchAll: true });
        rank.push(2);
        return "/(.+)";
      }
      const dynamic = /^\[(.+)\]$/.exec(segment);
      if (dynamic) {
        paramNames.push({ name: dynamic[1]!, catchAll: false });
        rank.push(1);
        return "/([^/]+)";
      }
      rank.push(0);
      return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
    })
    .join("");
  return { directory: `/${segments.join("/")}/`, pattern: new RegExp(`^${source}/?$`), paramNames, rank, file };
}

const compareRank = (a: Route, b: Route) => {
  for (let index = 0; index < Math.max(a.rank.length, b.rank.length); index++) {
    const difference = (a.rank[index] ?? -1) - (b.rank[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
};

// Small bodies of a declared length are read whole and handed over beside the Request, which
// costs far less than a web stream; anything else is streamed, so that the handler's own size
// limit applies as it reads. Either way handlers read bodies with readLimitedText.
const BUFFERED_BODY_BYTES = 64 * 1024;

const readWhole = (incoming: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.once("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    incoming.once("error", reject);
  });

async function toWebRequest(incoming: IncomingMessage, url: URL): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  if (["GET", "HEAD"].includes(incoming.method ?? "GET")) return new Request(url, { method: incoming.method, headers });
  const length = Number(incoming.headers["content-length"] ?? Number.NaN);
  if (length <= BUFFERED_BODY_BYTES) {
    const body = await readWhole(incoming);
    const request = new Request(url, { method: incoming.method, headers });
    holdBody(request, body);
    return request;
  }
  return new Request(url, {
    method: incoming.method,
    headers,
    body: Readable.toWeb(incoming) as ReadableStream,
    duplex: "half",
  } as RequestInit);
}

/** The request's URL; a Host header that names no host (anyone can send one) is not ours to trust. */
function requestUrl(incoming: IncomingMessage): URL {
  const path = incoming.url ?? "/";
  try {
    return new URL(path, `http://${incoming.headers.host ?? "127.0.0.1"}`);
  } catch {
    return new URL(path, "http://127.0.0.1");
  }
}

/** The route's parameters, percent-decoded as Next.js decodes them; null when the encoding is broken. */
function decodeParams(route: Route, match: RegExpExecArray): Record<string, string | string[]> | null {
  try {
    return Object.fromEntries(
      route.paramNames.map(({ name, catchAll }, index) => [
        name,
        catchAll ? match[index + 1]!.split("/") : decodeURIComponent(match[index + 1]!),
      ]),
    );
  } catch {
    return null;
  }
}

function writeJson(outgoing: ServerResponse, status: number, body: unknown): void {
  outgoing.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Whether a path is a direct prefix or under one ("/v2" and "/v2/templates", not "/v2x"). */
const isUnder = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

export type RouteDispatcher = (incoming: IncomingMessage, outgoing: ServerResponse) => Promise<boolean>;

/**
 * Serves the app's route handlers under DIRECT_PREFIXES (`app/v2/**\/route.ts`, …) straight from a
 * Node HTTP server, routed as Next.js routes them: the public API, the provider webhooks and the
 * health check need nothing of Next's request pipeline, so the web server skips that pipeline's
 * cost per request.
 * Tests use it to serve the same handlers against a test database. Answers false for a path
 * outside DIRECT_PREFIXES.
 */
export function createRouteDispatcher(options: { appDir: string }): RouteDispatcher {
  const prefixes = DIRECT_PREFIXES;
  const routes = findRouteFiles(options.appDir)
    .map((file) => compile(options.appDir, file))
    .filter((route) => prefixes.some((prefix) => route.directory.startsWith(`${prefix}/`)))
    .sort(compareRank);
  const modules = new Map<string, Promise<Record<string, unknown>>>();
  const load = (file: string) => {
    let loaded = modules.get(file);
    if (!loaded) {
      loaded = import(file) as Promise<Record<string, unknown>>;
      modules.set(file, loaded);
    }
    return loaded;
  };

  return async (incoming, outgoing) => {
    const url = requestUrl(incoming);
    if (!prefixes.some((prefix) => isUnder(url.pathname, prefix))) return false;
    // Set before any answer, so that every one carries them, errors included.
    for (const [name, value] of Object.entries(securityHeaders())) outgoing.setHeader(name, value);
    outgoing.setHeader("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
    for (const route of routes) {
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      const loaded = await load(route.file);
      const method = incoming.method ?? "GET";
      // HEAD is GET without the body, as Next.js serves it (Node leaves the body out of the answer).
      const handler = (loaded[method] ?? (method === "HEAD" ? loaded.GET : undefined)) as Handler | undefined;
      if (!handler) {
        // In Notify's error format, as every answer under these prefixes: clients read `errors`.
        outgoing.setHeader("Allow", HTTP_METHODS.filter((method) => method in loaded).join(", "));
        writeJson(outgoing, 405, {
          status_code: 405,
          errors: [{ error: "MethodNotAllowedError", message: "The method is not allowed for the requested URL." }],
        });
        return true;
      }
      const params = decodeParams(route, match);
      if (!params) {
        writeJson(outgoing, 400, {
          status_code: 400,
          errors: [{ error: "BadRequestError", message: "The address is not correctly encoded" }],
        });
        return true;
      }
      try {
        const response = await handler(await toWebRequest(incoming, url), { params: Promise.resolve(params) });
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        outgoing.end(Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        // Handlers answer their own errors; reaching here is a bug, logged by the caller's server.
        outgoing.writeHead(500).end();
        throw error;
      }
      return true;
    }
    // Under these prefixes everything answers as an API does, in JSON (`/v2/` itself, say, which
    // no route file matches), not with the console's HTML page.
    writeJson(outgoing, 404, {
      status_code: 404,
      errors: [{ error: "NoResultFound", message: "The requested URL was not found on the server." }],
    });
    return true;
  };
}
