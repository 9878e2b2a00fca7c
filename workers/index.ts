// The worker process (`npm run start:worker`): sends queued messages and runs scheduled jobs.
import { configOrExit } from "@/lib/config";
import { log } from "@/lib/log";
import { logUncaughtErrors } from "@/lib/log/unhandled-errors";
import { startTelemetry } from "@/lib/telemetry/start-telemetry";
import { startMetricsServer } from "@/lib/operations/metrics-endpoint";
import { configuredLoops, jobRegistry, scheduledJobs } from "./registry";
import { startWorker } from "./runtime";

async function main(): Promise<void> {
  const settings = configOrExit("Tidings worker");
  logUncaughtErrors();
  const telemetry = startTelemetry("worker");

  // Handlers first: a SIGTERM that arrives while the worker is starting (or right as it logs that it
  // is ready) must still stop it cleanly, not kill it. Tracing is set up before the first job runs.
  const starting = telemetry.then(() =>
    startWorker({
      databaseUrl: settings.DATABASE_URL,
      jobs: jobRegistry,
      scheduled: scheduledJobs(),
      loops: configuredLoops(),
      heartbeatSeconds: settings.WORKER_HEARTBEAT_SECONDS,
      shutdownTimeoutSeconds: settings.WORKER_SHUTDOWN_TIMEOUT_SECONDS,
    }),
  );
  const shutdown = (signal: string) => {
    log.info({ signal }, "shutdown requested");
    starting
      .then((worker) => worker.stop())
      .then(() => telemetry)
      .then((stopTelemetry) => stopTelemetry())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, "worker did not stop cleanly");
          process.exit(1);
        },
      );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
  await starting;
  if (settings.WORKER_METRICS_PORT !== undefined) await startMetricsServer(settings.WORKER_METRICS_PORT);
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, "worker failed to start");
  process.exit(1);
});
