import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ALL_PERMISSIONS } from "./permissions";
import { createServiceInputSchema, type CreateServiceInput } from "./schemas";

/** Creates a service in trial mode; its creator becomes a member with every permission. */
export async function createService(input: CreateServiceInput, createdBy: { userId: string }): Promise<{ id: string; name: string }> {
  const { name } = parseInput(createServiceInputSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const service = await tx.service.create({ data: { name, createdById: createdBy.userId }, select: { id: true, name: true } });
      await tx.serviceMember.create({ data: { serviceId: service.id, userId: createdBy.userId, permissions: ALL_PERMISSIONS } });
      await recordAuditEvent(tx, { action: "service.created", serviceId: service.id, userId: createdBy.userId, subjectType: "service", subjectId: service.id, details: { name } });
      return service;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `A service called ‘${name}’ already exists`, { name: "A service with this name already exists. Choose another name." });
    throw error;
  }
}
