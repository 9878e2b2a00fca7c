import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createWebRequestHandler } from "../../scripts/web-requests";

/**
 * Serves the route handlers the web server serves directly (the public API, the provider webhooks)
 * over real HTTP, so that HTTP clients (the official Notify client, SNS-style posts) can be pointed
 * at them in integration tests against a test database, as the web server does (with /metrics).
 * Pages are not served.
 */
export async function startRouteServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const handle = createWebRequestHandler({
    appDir: path.join(process.cwd(), "app"),
    handleWithNext: (_incoming, outgoing) => void outgoing.writeHead(404).end(),
  });
  const server = http.createServer((incoming, outgoing) => void handle(incoming, outgoing));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
