import "server-only";
import { z } from "zod";

/** Form fields arrive as strings; lib also accepts real booleans from the CLI and tests. */
const booleanish = z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")]);
const wholeNumber = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be ${min.toLocaleString("en-GB")} or more`)
    .max(max, `${label} must be ${max.toLocaleString("en-GB")} or less`);

const serviceNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a service name")
  .max(255, "Service name must be 255 characters or fewer");

export const createServiceInputSchema = z.object({ name: serviceNameSchema });
export type CreateServiceInput = z.input<typeof createServiceInputSchema>;

// GOV.UK Notify lets services keep data between 3 and 90 days.
const RETENTION_DAYS = { min: 3, max: 90 };

export const serviceSettingsSchema = z
  .object({
    name: serviceNameSchema,
    trialMode: booleanish,
    emailMessageLimit: wholeNumber("Daily email limit", 0, 100_000_000),
    smsMessageLimit: wholeNumber("Daily text message limit", 0, 100_000_000),
    rateLimit: wholeNumber("API rate limit", 1, 1_000_000),
    emailRetentionDays: wholeNumber("Email retention", RETENTION_DAYS.min, RETENTION_DAYS.max),
    smsRetentionDays: wholeNumber("Text message retention", RETENTION_DAYS.min, RETENTION_DAYS.max),
    canSendInternationalSms: booleanish,
    prefixSms: booleanish,
  })
  .partial();
export type ServiceSettingsInput = z.input<typeof serviceSettingsSchema>;
export type ServiceSettings = Required<z.output<typeof serviceSettingsSchema>>;

/** Settings only platform administrators may change: they decide who can send how much. */
export const PLATFORM_ADMIN_SETTINGS = [
  "trialMode",
  "emailMessageLimit",
  "smsMessageLimit",
  "rateLimit",
] as const satisfies readonly (keyof ServiceSettings)[];
