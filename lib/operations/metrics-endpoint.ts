import "server-only";
import { timingSafeEqual } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { config } from "@/lib/config";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics/metrics";
import { refreshDatabaseGauges } from "./database-gauges";

function hasToken(incoming: IncomingMessage, token: string): boolean {
  const presented = /^Bearer (.+)$/i.exec(incoming.headers.authorization ?? "")?.[1] ?? "";
  const [a, b] = [Buffer.from(presented), Buffer.from(token)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Answers GET /metrics in Prometheus's text format. On the web app's public port it needs
 * METRICS_TOKEN as a bearer token (and is not served at all without one); on the worker's own
 * internal port (WORKER_METRICS_PORT) the token is needed only when it is set. Answers false for
 * any other path.
 */
export async function serveMetrics(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  where: "public" | "internal",
): Promise<boolean> {
  if ((incoming.url ?? "/").split("?")[0] !== "/metrics") return false;
  const token = config().METRICS_TOKEN;
  if (!token && where === "public") {
    outgoing.writeHead(404, { "content-type": "text/plain" }).end("Not found: set METRICS_TOKEN to serve /metrics");
    return true;
  }
  if (token && !hasToken(incoming, token)) {
    outgoing
      .writeHead(401, { "content-type": "text/plain", "www-authenticate": 'Bearer realm="metrics"' })
      .end("Send the metrics token as a bearer token");
    return true;
  }
  await refreshDatabaseGauges();
  const { registry } = metrics();
  outgoing
    .writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" })
    .end(await registry.metrics());
  return true;
}

/** The worker's metrics, on a port of its own (WORKER_METRICS_PORT). */
export async function startMetricsServer(port: number): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((incoming, outgoing) => {
    serveMetrics(incoming, outgoing, "internal").then(
      (served) => void (served || outgoing.writeHead(404).end()),
      (error: unknown) => {
        log.error({ err: error }, "metrics could not be served");
        if (!outgoing.headersSent) outgoing.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  const bound = (server.address() as AddressInfo).port;
  log.info({ port: bound }, "worker metrics listening");
  return { port: bound, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
