import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { emailLocalPartFromName } from "./email-sender";
import { ALL_PERMISSIONS, requirePlatformAdmin, type PlatformWrite } from "@/lib/permissions";
import { createServiceInputSchema, type CreateServiceInput } from "./schemas";

/**
 * Creates a service in trial mode; its owner (whoever creates it, unless a platform admin or the
 * operator names someone else) becomes a member with every permission. Anyone signed in may.
 */
export async function createService({
  actor,
  ownerId = actor.userId,
  ...input
}: PlatformWrite<CreateServiceInput & { ownerId?: string | null }>): Promise<{ id: string; name: string }> {
  if (ownerId !== actor.userId) requirePlatformAdmin(actor);
  if (ownerId === null) throw new AppError("validation", "Name the service's owner", { ownerId: "Choose an owner" });
  const { name } = parseInput(createServiceInputSchema, input);
  const emailSenderLocalPart = await availableLocalPart(emailLocalPartFromName(name));
  try {
    return await db.$transaction(async (tx) => {
      const service = await tx.service.create({
        data: { name, emailSenderLocalPart, createdById: ownerId },
        select: { id: true, name: true },
      });
      await tx.serviceMember.create({
        data: { serviceId: service.id, userId: ownerId, permissions: ALL_PERMISSIONS },
      });
      await recordAuditEvent(tx, {
        action: "service.created",
        serviceId: service.id,
        userId: actor.userId,
        subjectType: "service",
        subjectId: service.id,
        details: { name },
      });
      return service;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", `A service called ‘${name}’ already exists`, {
        name: "A service with this name already exists. Choose another name.",
      });
    throw error;
  }
}

// Two services can have names that reduce to the same local part ("Bins!" and "bins"): number them.
async function availableLocalPart(base: string): Promise<string> {
  const taken = new Set(
    (
      await db.service.findMany({
        where: { emailSenderLocalPart: { startsWith: base } },
        select: { emailSenderLocalPart: true },
      })
    ).map((service) => service.emailSenderLocalPart),
  );
  for (let suffix = 1; ; suffix++) {
    const candidate = suffix === 1 ? base : `${base}.${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
