import "server-only";
import { availableParallelism } from "node:os";
import { CronExpressionParser } from "cron-parser";
import { z } from "zod";

/** Five fields, each one cron-parser (which runs the worker's schedules) can read. */
const isFiveFieldCron = (cron: string) => {
  if (cron.trim().split(/\s+/).length !== 5) return false;
  try {
    CronExpressionParser.parse(cron);
    return true;
  } catch {
    return false;
  }
};

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0"])
    .default(fallback ? "true" : "false")
    .transform((value) => value === "true" || value === "1");

/**
 * Every environment variable Tidings reads. README.md documents each one; keep the two in step
 * (a test checks that the README table names every key here).
 */
const commaSeparated = () =>
  z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    );

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({
      error: "is required: a PostgreSQL connection string (npm start sets it to the embedded database when unset)",
    })
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string"),
  DATABASE_POOL_SIZE: positiveInt(10),
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt(5000),
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(10_000),
  PORT: positiveInt(3000),
  PUBLIC_URL: z.url({ error: "must be the absolute URL people and API clients reach Tidings at" }).optional(),
  SECRET_KEY: z
    .string({ error: "is required: at least 32 random characters (npm start generates one under .data/ when unset)" })
    .min(32, "must be at least 32 characters"),
  // The key SECRET_KEY replaced, kept while a rotation is under way: what it protected still opens.
  SECRET_KEY_PREVIOUS: z.string().min(32, "must be at least 32 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_TTL_HOURS: positiveInt(20),
  SIGN_IN_MAX_FAILURES: positiveInt(10),
  SIGN_IN_LOCKOUT_MINUTES: positiveInt(15),
  SETUP_TOKEN_TTL_HOURS: positiveInt(24),
  WORKER_HEARTBEAT_SECONDS: positiveInt(10),
  WORKER_SHUTDOWN_TIMEOUT_SECONDS: positiveInt(30),
  COOKIE_SECURE: flag(false),
  EMAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, "must be a domain name, like notifications.example.gov")
    .optional(),
  API_READ_RATE_LIMIT: positiveInt(6000),
  SMS_FRAGMENT_RATE: z.coerce.number().min(0).default(0.0197),
  SMS_FREE_FRAGMENTS_PER_YEAR: z.coerce.number().int().min(0).default(0),
  EMAIL_RATE: z.coerce.number().min(0).default(0),
  DEFAULT_SMS_SENDER: z.string().min(1).max(15).default("Tidings"),
  SMS_HOME_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, "must be an ISO 3166 country code, like GB or US")
    .default("GB"),
  EMAIL_PROVIDER: z.enum(["ses", "simulated"]).optional(),
  SMS_PROVIDER: z.enum(["pinpoint", "sns", "simulated"]).optional(),
  AWS_REGION: z.string().optional(),
  AWS_ENDPOINT_URL_SES: z.url().optional(),
  AWS_ENDPOINT_URL_SMS: z.url().optional(),
  AWS_ENDPOINT_URL_SNS: z.url().optional(),
  AWS_ENDPOINT_URL_S3: z.url().optional(),
  S3_BUCKET_UPLOADS: z.string().min(3).default("tidings-uploads"),
  S3_BUCKET_CONTACT_LISTS: z.string().min(3).default("tidings-contact-lists"),
  S3_BUCKET_SNAPSHOTS: z.string().min(3).default("tidings-snapshots"),
  S3_BUCKET_BACKUPS: z.string().min(3).default("tidings-backups"),
  S3_BUCKET_BRANDING: z.string().min(3).default("tidings-branding"),
  SES_CONFIGURATION_SET: z.string().optional(),
  SES_MAX_SEND_RATE: z.coerce.number().positive().optional(),
  SES_TRACKING_CONFIGURATION_SET: z.string().optional(),
  CAMPAIGN_AUTO_PAUSE_MIN_SENDS: positiveInt(500),
  CAMPAIGN_AUTO_PAUSE_BOUNCE_PERCENT: z.coerce.number().min(0).max(100).default(5),
  CAMPAIGN_AUTO_PAUSE_COMPLAINT_PERCENT: z.coerce.number().min(0).max(100).default(0.1),
  CAMPAIGN_SECONDS_AHEAD: positiveInt(2),
  UNSUBSCRIBE_EMAIL_ADDRESS: z
    .email({ error: "must be an email address SES receives for Tidings, like unsubscribe@notifications.example.gov" })
    .optional(),
  SMS_CONFIGURATION_SET: z.string().optional(),
  SMS_MAX_SEND_RATE: z.coerce.number().positive().default(20),
  SMS_ORIGINATION_IDENTITY: z.string().optional(),
  SES_SEND_EVENTS: flag(false),
  SMS_TEXT_EVENTS: flag(false),
  SMS_INBOUND_TOPIC_ARN: z
    .string()
    .regex(
      /^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]+$/,
      "must be an SNS topic ARN, like arn:aws:sns:us-east-1:111122223333:inbound-sms",
    )
    .optional(),
  DELIVERY_RECONCILE_AFTER_MINUTES: positiveInt(15),
  DELIVERY_RETRY_DELAY_SECONDS: positiveInt(10),
  DELIVERY_MAX_IN_FLIGHT: positiveInt(256),
  DELIVERY_SEND_THREADS: z.coerce.number().int().min(0).max(32).default(Math.min(4, availableParallelism())),
  CALLBACK_RETRY_DELAY_SECONDS: positiveInt(30),
  SIMULATED_DELIVERY_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  SETTINGS_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(2),
  CALLBACK_ALLOWED_PRIVATE_HOSTS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    ),
  SNS_TRUSTED_CERT_URL_PREFIXES: commaSeparated(),
  SNS_ALLOWED_TOPIC_ARNS: commaSeparated(),
  BOUNCE_RATE_ALERT_PERCENT: z.coerce.number().min(0).max(100).default(5),
  COMPLAINT_RATE_ALERT_PERCENT: z.coerce.number().min(0).max(100).default(0.1),
  BACKUP_SCHEDULE: z
    .string()
    .refine(isFiveFieldCron, "must be a cron expression of five fields, like 0 3 * * *")
    .optional(),
  BACKUP_KEEP_DAILY: positiveInt(14),
  BACKUP_KEEP_WEEKLY: z.coerce.number().int().min(0).default(8),
  BACKUP_SCRATCH_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string")
    .optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({ error: "must be the OTLP/HTTP endpoint's URL, like http://collector:4318" })
    .optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  PUBLISH_QUEUE_AGE_METRIC: flag(false),
  AWS_ENDPOINT_URL_CLOUDWATCH: z.url().optional(),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional(),
});

export type Config = z.infer<typeof configSchema> & {
  publicUrl: string;
  emailDomain: string;
  /**
   * False when neither EMAIL_DOMAIN nor PUBLIC_URL names a real domain (`localhost`, an IP address):
   * emails then come from `@localhost`, which mail providers refuse, and the console says so.
   */
  emailDomainConfigured: boolean;
  /** Real providers when AWS is configured (AWS_REGION), the simulated ones otherwise. */
  emailProvider: "ses" | "simulated";
  smsProvider: "pinpoint" | "sns" | "simulated";
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Validates `env`; throws a ConfigError naming every variable that is wrong.
 * @internal Exported for its tests.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  const parsed = result.data;
  const problems = [
    ...(parsed.SES_SEND_EVENTS && !parsed.SES_CONFIGURATION_SET
      ? ["SES_SEND_EVENTS needs SES_CONFIGURATION_SET: the configuration set whose event destination publishes Send"]
      : []),
    ...(parsed.SMS_TEXT_EVENTS && !parsed.SMS_CONFIGURATION_SET
      ? [
          "SMS_TEXT_EVENTS needs SMS_CONFIGURATION_SET: the configuration set whose event destination publishes text events",
        ]
      : []),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  const publicUrl = (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/+$/, "");
  const publicHost = new URL(publicUrl).hostname;
  return {
    ...parsed,
    publicUrl,
    emailDomain: parsed.EMAIL_DOMAIN ?? publicHost,
    emailDomainConfigured: parsed.EMAIL_DOMAIN !== undefined || isMailDomain(publicHost),
    emailProvider: parsed.EMAIL_PROVIDER ?? (parsed.AWS_REGION ? "ses" : "simulated"),
    smsProvider: parsed.SMS_PROVIDER ?? (parsed.AWS_REGION ? "pinpoint" : "simulated"),
  };
}

/** A host name mail can come from: a dotted name, not `localhost`, `*.localhost` or an IP address. */
function isMailDomain(host: string): boolean {
  return host.includes(".") && !/\.localhost$/i.test(host) && !/^[\d.]+$/.test(host) && !host.startsWith("[");
}

let cached: Config | undefined;

/** The validated configuration of this process, read once. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}

/**
 * For process entry points: the configuration, or a message naming what is wrong (`<what> cannot
 * start. Invalid configuration: …`) and exit code 1, instead of a stack trace.
 */
export function configOrExit(what: string): Config {
  try {
    return config();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${what} cannot start. ${error.message}`);
    process.exit(1);
  }
}

/**
 * Forget the cached configuration (tests that change process.env).
 * @internal Exported for the tests, which change the environment between files.
 */
export function resetConfig(): void {
  cached = undefined;
}
