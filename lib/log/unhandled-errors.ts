import "server-only";
import { log } from "./index";

const logged = new WeakSet<object>();

/**
 * Logs an error that escaped a request's or a job's handler, once, with what it came from
 * (`{ requestId }` or `{ job, jobId }`); the same error reaching another handler is not logged again.
 */
export function logUnhandledError(error: unknown, origin: Record<string, unknown>, message: string): void {
  if (typeof error === "object" && error !== null) {
    if (logged.has(error)) return;
    logged.add(error);
  }
  log.error({ err: error, ...origin }, message);
}

/**
 * For process entry points: errors nothing caught are logged once (not again if a handler logged
 * them), and still end the process as Node ends it.
 */
export function logUncaughtErrors(): void {
  process.on("unhandledRejection", (reason) => {
    logUnhandledError(reason, {}, "unhandled promise rejection");
    throw reason;
  });
  process.on("uncaughtExceptionMonitor", (error) => logUnhandledError(error, {}, "uncaught exception"));
}
