import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { invalidateSettings } from "@/lib/cache/settings-cache";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";

/**
 * Revokes one of the service's API keys: the API refuses it from now on (in other web processes
 * within SETTINGS_CACHE_SECONDS). Needs "manage API integration". Revoking a revoked key changes nothing.
 */
export async function revokeApiKey({
  actor,
  serviceId,
  apiKeyId,
}: ServiceWrite<{ apiKeyId: string }>): Promise<{ name: string }> {
  await requireServicePermission(actor, serviceId, "manage_api_keys");
  if (!isUuid(apiKeyId)) throw notFound("API key");
  const key = await db.$transaction(async (tx) => {
    const found = await tx.apiKey.findFirst({
      where: { id: apiKeyId, serviceId },
      select: { id: true, name: true, revokedAt: true },
    });
    if (!found) throw notFound("API key");
    if (found.revokedAt) return found;
    await tx.apiKey.update({ where: { id: found.id }, data: { revokedAt: new Date() } });
    await recordAuditEvent(tx, {
      action: "api_key.revoked",
      serviceId,
      userId: actor.userId,
      subjectType: "api_key",
      subjectId: found.id,
      details: { name: found.name },
    });
    return found;
  });
  invalidateSettings(serviceId);
  return { name: key.name };
}
