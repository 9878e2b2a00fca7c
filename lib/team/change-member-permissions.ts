import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { requireServicePermission, type Permission, type ServiceWrite } from "@/lib/permissions";
import { isUuid, parseInput } from "@/lib/validation";
import { memberPermissionsInputSchema, type MemberPermissionsInput } from "./schemas";
import { requireAnotherTeamManager } from "./team-managers";

/**
 * Replaces what a team member may do in the service. Needs "manage team". The service must keep at
 * least one member who can manage the team.
 */
export async function changeMemberPermissions({
  actor,
  serviceId,
  userId,
  ...input
}: ServiceWrite<MemberPermissionsInput & { userId: string }>): Promise<{ permissions: Permission[] }> {
  await requireServicePermission(actor, serviceId, "manage_team");
  const { permissions } = parseInput(memberPermissionsInputSchema, input);
  if (!isUuid(userId)) throw notFound("Team member");
  return db.$transaction(async (tx) => {
    const member = await tx.serviceMember.findUnique({
      where: { serviceId_userId: { serviceId, userId } },
      select: { permissions: true, user: { select: { email: true } } },
    });
    if (!member) throw notFound("Team member");
    if (member.permissions.includes("manage_team") && !permissions.includes("manage_team")) {
      await requireAnotherTeamManager(
        tx,
        serviceId,
        userId,
        "At least one team member must be able to manage the team",
      );
    }
    await tx.serviceMember.update({ where: { serviceId_userId: { serviceId, userId } }, data: { permissions } });
    await recordAuditEvent(tx, {
      action: "team.permissions_changed",
      serviceId,
      userId: actor.userId,
      subjectType: "user",
      subjectId: userId,
      details: { email: member.user.email, before: member.permissions, after: permissions },
    });
    return { permissions };
  });
}
