import "server-only";
import pino, { type Logger } from "pino";

// Secrets and message content never reach the logs at any level.
const redact = {
  paths: [
    "password",
    "*.password",
    "passwordHash",
    "*.passwordHash",
    "secret",
    "*.secret",
    "token",
    "*.token",
    "authorization",
    "*.authorization",
    "headers.authorization",
    "personalisation",
    "*.personalisation",
    "body",
    "*.body",
    "code",
    "*.code",
  ],
  censor: "[redacted]",
};

function createLogger(): Logger {
  return pino({
    // Read directly rather than through config(): the logger must work to report a bad config.
    level: process.env.LOG_LEVEL ?? "info",
    base: { pid: process.pid },
    redact,
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

const globalForLog = globalThis as unknown as { tidingsLogger?: Logger };

/** The one logger. Children add context: `log.child({ job: "deliver" })`. */
export const log: Logger = (globalForLog.tidingsLogger ??= createLogger());
