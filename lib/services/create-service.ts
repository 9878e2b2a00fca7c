import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { emailLocalPartFromName } from "./email-sender";
import { ALL_PERMISSIONS } from "@/lib/permissions";
import { createServiceInputSchema, type CreateServiceInput } from "./schemas";

/** Creates a service in trial mode; its creator becomes a member with every permission. */
export async function createService(
  input: CreateServiceInput,
  createdBy: { userId: string },
): Promise<{ id: string; name: string }> {
  const { name } = parseInput(createServiceInputSchema, input);
  const emailSenderLocalPart = await availableLocalPart(emailLocalPartFromName(name));
  try {
    return await db.$transaction(async (tx) => {
      const service = await tx.service.create({
        data: { name, emailSenderLocalPart, createdById: createdBy.userId },
        select: { id: true, name: true },
      });
      await tx.serviceMember.create({
        data: { serviceId: service.id, userId: createdBy.userId, permissions: ALL_PERMISSIONS },
      });
      await recordAuditEvent(tx, {
        action: "service.created",
        serviceId: service.id,
        userId: createdBy.userId,
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
