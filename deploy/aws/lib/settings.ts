import { z } from "zod";

const whole = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const flag = (fallback: boolean) =>
  z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")]).default(fallback);

/**
 * What one deployment of Tidings is made of, from CDK context (`cdk deploy -c domainName=…`, or
 * `context` in cdk.json). docs/deploy.md describes each setting.
 */
const deploymentSettingsSchema = z.object({
  /** The host people and API clients use: PUBLIC_URL is https://<domainName>. */
  domainName: z.string().regex(/^[a-z0-9.-]+$/i, "must be a host name, like notify.example.gov"),
  /** An ACM certificate for domainName, in the stack's region. */
  certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:/, "must be an ACM certificate ARN"),
  /** The SES identity emails are sent from (EMAIL_DOMAIN); domainName when unset. */
  emailDomain: z
    .string()
    .regex(/^[a-z0-9.-]+$/i)
    .optional(),
  /** A Route 53 public hosted zone for domainName: when given, the DNS records are created too. */
  hostedZoneId: z.string().optional(),
  hostedZoneName: z.string().optional(),
  /** A pushed image (`<account>.dkr.ecr.<region>.amazonaws.com/tidings:<tag>`); unset builds the Dockerfile. */
  image: z.string().optional(),
  multiAz: flag(true),
  databaseInstanceType: z.string().default("t4g.medium"),
  databaseStorageGiB: whole(50),
  databaseBackupRetentionDays: whole(14),
  webCount: whole(2),
  webCpu: whole(1024),
  webMemoryMiB: whole(2048),
  workerCount: whole(1),
  workerCpu: whole(1024),
  workerMemoryMiB: whole(2048),
  natGateways: z.coerce.number().int().min(1).default(1),
  /** SMS_ORIGINATION_IDENTITY: the pool or number to send from, once requested (docs/deploy.md). */
  smsOriginationIdentity: z.string().optional(),
  /** REDIS_URL: shared API rate limits and daily counters, needed for exact limits with webCount > 1. */
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional(),
  /** Where alarms are emailed; unset leaves the alarm topic without subscribers. */
  alarmEmail: z.email().optional(),
  /** BACKUP_SCHEDULE: cron of the nightly backup job. */
  backupSchedule: z.string().default("15 2 * * *"),
  /** OTEL_EXPORTER_OTLP_ENDPOINT: traces are exported only when it is set. */
  otelEndpoint: z.url().optional(),
  /** SECRET_KEY_PREVIOUS from the SecretKey secret's AWSPREVIOUS version, while rotating SECRET_KEY. */
  secretKeyRotation: flag(false),
  /** Keep the database and buckets when the stack is deleted (turn off only for throwaway stacks). */
  retainData: flag(true),
});

export type DeploymentSettings = z.infer<typeof deploymentSettingsSchema>;

export class DeploymentSettingsError extends Error {
  override name = "DeploymentSettingsError";
}

/** Validates CDK context values; the error names every setting that is wrong. */
export function readDeploymentSettings(context: Record<string, unknown>): DeploymentSettings {
  const present = Object.fromEntries(
    Object.keys(deploymentSettingsSchema.shape).flatMap((key) =>
      context[key] === undefined || context[key] === "" ? [] : [[key, context[key]]],
    ),
  );
  const result = deploymentSettingsSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join(".")} ${issue.message}`);
    throw new DeploymentSettingsError(`Invalid deployment settings (CDK context):\n${problems.join("\n")}`);
  }
  if (Boolean(result.data.hostedZoneId) !== Boolean(result.data.hostedZoneName)) {
    throw new DeploymentSettingsError("Invalid deployment settings: give hostedZoneId and hostedZoneName together");
  }
  const { hostedZoneName, domainName, emailDomain = domainName } = result.data;
  const zone = hostedZoneName?.replace(/\.$/, "").toLowerCase();
  const inZone = (name: string) => name.toLowerCase() === zone || name.toLowerCase().endsWith(`.${zone}`);
  if (zone && !(inZone(domainName) && inZone(emailDomain))) {
    throw new DeploymentSettingsError(
      `Invalid deployment settings: domainName and emailDomain must be in the hosted zone ${hostedZoneName}`,
    );
  }
  return result.data;
}
