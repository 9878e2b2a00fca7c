import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import type { Permission } from "@/lib/permissions";

/**
 * Adds an existing user to a service, or replaces their permissions if already a member.
 * Authorisation is the caller's: the CLI runs as the operator, the console checks "manage team".
 */
export async function addServiceMember(
  input: { serviceId: string; email: string; permissions: Permission[] },
  actor: { userId?: string } = {},
) {
  if (!isUuid(input.serviceId)) throw notFound("Service");
  const email = input.email.trim().toLowerCase();
  const [user, service] = await Promise.all([
    db.user.findUnique({ where: { email }, select: { id: true } }),
    db.service.findUnique({ where: { id: input.serviceId }, select: { id: true } }),
  ]);
  if (!service) throw notFound("Service");
  if (!user)
    throw new AppError("not_found", `No user has the email address ${email}`, {
      email: "No user has this email address",
    });
  const permissions = [...new Set(input.permissions)];
  return db.$transaction(async (tx) => {
    const member = await tx.serviceMember.upsert({
      where: { serviceId_userId: { serviceId: service.id, userId: user.id } },
      create: { serviceId: service.id, userId: user.id, permissions },
      update: { permissions },
    });
    await recordAuditEvent(tx, {
      action: "service.member_added",
      serviceId: service.id,
      userId: actor.userId ?? null,
      subjectType: "user",
      subjectId: user.id,
      details: { permissions },
    });
    return member;
  });
}
