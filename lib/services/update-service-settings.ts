import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { invalidateSettings } from "@/lib/cache/settings-cache";
import { db, isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import {
  PLATFORM_ADMIN_SETTINGS,
  serviceSettingsSchema,
  type ServiceSettings,
  type ServiceSettingsInput,
} from "./schemas";
import { getServiceDetails } from "./queries";

/**
 * Changes a service's settings. Needs "manage settings"; trial mode and limits also need a
 * platform administrator. Only fields that differ are written and audited.
 */
export async function updateServiceSettings({
  actor,
  serviceId,
  ...input
}: ServiceWrite<ServiceSettingsInput>): Promise<ServiceSettings> {
  await requireServicePermission(actor, serviceId, "manage_service");
  const requested = parseInput(serviceSettingsSchema, input);
  const current = await getServiceDetails(serviceId);

  const changes = Object.fromEntries(
    Object.entries(requested).filter(
      ([field, value]) => value !== undefined && current[field as keyof ServiceSettings] !== value,
    ),
  ) as Partial<ServiceSettings>;

  const restricted = PLATFORM_ADMIN_SETTINGS.filter((field) => field in changes);
  if (restricted.length > 0 && !actor.isPlatformAdmin) {
    const fieldErrors = Object.fromEntries(
      restricted.map((field) => [field, "Only platform administrators can change this"]),
    );
    throw new AppError("forbidden", "Only platform administrators can change trial mode and limits", fieldErrors);
  }
  if (Object.keys(changes).length === 0) return pickSettings(current);

  try {
    const updated = await db.$transaction(async (tx) => {
      const service = await tx.service.update({ where: { id: serviceId }, data: changes });
      const before = Object.fromEntries(
        Object.keys(changes).map((field) => [field, current[field as keyof ServiceSettings]]),
      );
      await recordAuditEvent(tx, {
        action: "service.settings_changed",
        serviceId,
        userId: actor.userId,
        subjectType: "service",
        subjectId: serviceId,
        details: { before, after: changes },
      });
      return service;
    });
    invalidateSettings(serviceId);
    return pickSettings(updated);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", "A service with this name already exists", {
        name: "A service with this name already exists. Choose another name.",
      });
    throw error;
  }
}

function pickSettings(service: ServiceSettings): ServiceSettings {
  const {
    name,
    trialMode,
    emailMessageLimit,
    smsMessageLimit,
    rateLimit,
    emailRetentionDays,
    smsRetentionDays,
    canSendInternationalSms,
    prefixSms,
  } = service;
  return {
    name,
    trialMode,
    emailMessageLimit,
    smsMessageLimit,
    rateLimit,
    emailRetentionDays,
    smsRetentionDays,
    canSendInternationalSms,
    prefixSms,
  };
}
