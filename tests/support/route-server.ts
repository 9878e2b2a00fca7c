import { readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;
type Route = { pattern: RegExp; paramNames: { name: string; catchAll: boolean }[]; rank: number[]; module: () => Promise<Record<string, unknown>> };

const APP_DIR = path.join(process.cwd(), "app");

function findRouteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findRouteFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

function compile(file: string): Route {
  const segments = path.relative(APP_DIR, path.dirname(file)).split(path.sep).filter((segment) => segment && !segment.startsWith("("));
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
  return { pattern: new RegExp(`^${source}/?$`), paramNames, rank, module: () => import(file) };
}

const compareRank = (a: Route, b: Route) => {
  for (let index = 0; index < Math.max(a.rank.length, b.rank.length); index++) {
    const difference = (a.rank[index] ?? -1) - (b.rank[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
};

/**
 * Serves the app's route handlers (app/**\/route.ts) over real HTTP, routed as Next.js routes them,
 * so that HTTP clients (the official Notify client, SNS-style posts) can be pointed at them in
 * integration tests against a test database. Pages are not served.
 */
export async function startRouteServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const routes = findRouteFiles(APP_DIR).map(compile).sort(compareRank);
  const server = http.createServer(async (incoming, outgoing) => {
    const base = `http://${incoming.headers.host ?? "127.0.0.1"}`;
    const url = new URL(incoming.url ?? "/", base);
    for (const route of routes) {
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      const handler = (await route.module())[incoming.method ?? "GET"] as Handler | undefined;
      if (!handler) {
        outgoing.writeHead(405).end();
        return;
      }
      const params = Object.fromEntries(route.paramNames.map(({ name, catchAll }, index) => [name, catchAll ? match[index + 1]!.split("/") : decodeURIComponent(match[index + 1]!)]));
      const hasBody = !["GET", "HEAD"].includes(incoming.method ?? "GET");
      const request = new Request(url, {
        method: incoming.method,
        headers: Object.entries(incoming.headers).flatMap(([name, value]) => (Array.isArray(value) ? value.map((item) => [name, item]) : value === undefined ? [] : [[name, value]])) as [string, string][],
        ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream, duplex: "half" } : {}),
      } as RequestInit);
      try {
        const response = await handler(request, { params: Promise.resolve(params) });
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        outgoing.end(Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        outgoing.writeHead(500).end(String(error));
      }
      return;
    }
    outgoing.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
