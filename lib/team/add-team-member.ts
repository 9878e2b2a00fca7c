import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { requireServicePermission, type Permission, type ServiceWrite } from "@/lib/permissions";

/**
 * Adds an existing user to a service, or replaces their permissions if already a member ("manage
 * team"; the CLI's add-member runs as the operator).
 */
export async function addTeamMember({
  actor,
  serviceId,
  ...input
}: ServiceWrite<{ email: string; permissions: Permission[] }>) {
  await requireServicePermission(actor, serviceId, "manage_team");
  if (!isUuid(serviceId)) throw notFound("Service");
  const email = input.email.trim().toLowerCase();
  const [user, service] = await Promise.all([
    db.user.findUnique({ where: { email }, select: { id: true } }),
    db.service.findUnique({ where: { id: serviceId }, select: { id: true } }),
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
      userId: actor.userId,
      subjectType: "user",
      subjectId: user.id,
      details: { permissions },
    });
    return member;
  });
}
