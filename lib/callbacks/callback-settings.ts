import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { encryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { callbackUrlProblem } from "./safe-url";

/** The callbacks a service team can set up itself, as in GOV.UK Notify's console. */
export type ConfigurableCallback = "delivery_status" | "inbound_sms";

// GOV.UK Notify's rules: an https URL, and a bearer token of at least 10 characters.
const callbackSettingsSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, "Enter a URL")
    .superRefine((url, context) => {
      const problem = callbackUrlProblem(url);
      if (problem) context.addIssue({ code: "custom", message: problem });
    }),
  bearerToken: z.string().trim().min(10, "The bearer token must be at least 10 characters"),
});
export type CallbackSettingsInput = z.input<typeof callbackSettingsSchema>;

/**
 * Sets where Tidings posts this kind of callback for the service, and the bearer token it sends.
 * Needs "manage API integration". The token is stored encrypted and never returned or logged.
 */
export async function setServiceCallback({
  actor,
  serviceId,
  callbackType,
  ...input
}: ServiceWrite<{ callbackType: ConfigurableCallback } & CallbackSettingsInput>): Promise<{ url: string }> {
  await requireServicePermission(actor, serviceId, "manage_api_keys");
  const { url, bearerToken } = parseInput(callbackSettingsSchema, input);
  const settings = { url, bearerTokenEncrypted: encryptSecret(bearerToken), updatedById: actor.userId };
  await db.$transaction(async (tx) => {
    await tx.serviceCallbackApi.upsert({
      where: { serviceId_callbackType: { serviceId, callbackType } },
      create: { serviceId, callbackType, ...settings },
      update: settings,
    });
    await recordAuditEvent(tx, {
      action: "service.callback_set",
      serviceId,
      userId: actor.userId,
      subjectType: "service",
      subjectId: serviceId,
      details: { callbackType, url },
    });
  });
  return { url };
}

/** Stops this kind of callback for the service; callbacks already queued are dropped when they run. */
export async function clearServiceCallback({
  actor,
  serviceId,
  callbackType,
}: ServiceWrite<{ callbackType: ConfigurableCallback }>): Promise<void> {
  await requireServicePermission(actor, serviceId, "manage_api_keys");
  await db.$transaction(async (tx) => {
    const { count } = await tx.serviceCallbackApi.deleteMany({ where: { serviceId, callbackType } });
    if (count > 0)
      await recordAuditEvent(tx, {
        action: "service.callback_cleared",
        serviceId,
        userId: actor.userId,
        subjectType: "service",
        subjectId: serviceId,
        details: { callbackType },
      });
  });
}
