import "server-only";
import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { invalidateSettings } from "@/lib/cache/settings-cache";
import { encryptSecret } from "@/lib/crypto/secrets";
import { db, isUniqueViolation } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { KeyType } from "@/lib/generated/prisma/enums";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { isUuid, parseInput } from "@/lib/validation";
import { formatApiKey } from "./key-string";
import { createApiKeyInputSchema, type CreateApiKeyInput } from "./schemas";

export type CreatedApiKey = { id: string; name: string; keyType: KeyType; createdAt: Date; key: string };

/**
 * Creates an API key and returns the full key string. This is the only time the secret exists in
 * the clear outside an encrypted column: show it once, never log it.
 * Needs "manage API integration".
 */
export async function createApiKey({
  actor,
  serviceId,
  ...input
}: ServiceWrite<CreateApiKeyInput>): Promise<CreatedApiKey> {
  await requireServicePermission(actor, serviceId, "manage_api_keys");
  const { name, keyType } = parseInput(createApiKeyInputSchema, input);
  if (!isUuid(serviceId) || !(await db.service.findUnique({ where: { id: serviceId }, select: { id: true } })))
    throw notFound("Service");
  const secret = randomUUID();
  try {
    const apiKey = await db.$transaction(async (tx) => {
      const created = await tx.apiKey.create({
        data: { serviceId, name, keyType, secretEncrypted: encryptSecret(secret), createdById: actor.userId },
        select: { id: true, name: true, keyType: true, createdAt: true },
      });
      await recordAuditEvent(tx, {
        action: "api_key.created",
        serviceId,
        userId: actor.userId,
        subjectType: "api_key",
        subjectId: created.id,
        details: { name, keyType },
      });
      return created;
    });
    invalidateSettings(serviceId);
    return { ...apiKey, key: formatApiKey(name, serviceId, secret) };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", "A key with this name already exists", {
        name: "A key with this name already exists. Choose another name.",
      });
    throw error;
  }
}
