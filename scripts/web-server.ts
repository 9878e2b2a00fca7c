// `npm run start:web`: the production web server. The public API, the provider webhooks and
// /api/health are served by their route handlers directly (see direct-routes.ts); everything else
// (the console, auth, docs) by Next.js; /metrics by the server itself (web-requests.ts).
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { configOrExit } from "@/lib/config";
import { flushApiRequestLog } from "@/lib/api-log/record-api-request";
import { startJobSender } from "@/lib/queue/boss";
import { createWebRequestHandler } from "./web-requests";
import { log } from "@/lib/log";
import { logUncaughtErrors } from "@/lib/log/unhandled-errors";
import { startTelemetry } from "@/lib/telemetry/start-telemetry";
import { closeConnections } from "@/lib/process/close-connections";

async function main(): Promise<void> {
  const settings = configOrExit("Tidings");
  logUncaughtErrors();
  const stopTelemetry = await startTelemetry("web");
  process.env.NEXTAUTH_URL ??= settings.publicUrl;
  const nextApp = next({ dev: false, dir: process.cwd(), port: settings.PORT, hostname: "0.0.0.0" });
  await nextApp.prepare();
  await startJobSender();
  const handleWithNext = nextApp.getRequestHandler();
  // Built (dist/web-server.js), the direct routes are compiled beside it; from the sources, they are app/.
  const built = import.meta.url.endsWith(".js");
  const appDir = built
    ? path.join(path.dirname(fileURLToPath(import.meta.url)), "app")
    : path.join(process.cwd(), "app");
  const server = http.createServer(createWebRequestHandler({ appDir, handleWithNext }));
  server.keepAliveTimeout = 65_000;
  server.listen(settings.PORT, () => log.info({ port: settings.PORT }, "web server listening"));

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      // Requests already answered still get their line in the services' API logs.
      server.close(
        () =>
          void flushApiRequestLog()
            .then(closeConnections)
            .then(stopTelemetry)
            .finally(() => process.exit(0)),
      );
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
}

void main();
