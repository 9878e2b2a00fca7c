import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";
import { requireAnotherTeamManager } from "./team-managers";

/**
 * Takes someone off the service's team. Needs "manage team". The last member who can manage the
 * team cannot be removed (not even by themselves), or nobody could manage it any more.
 */
export async function removeTeamMember({
  actor,
  serviceId,
  userId,
}: ServiceWrite<{ userId: string }>): Promise<{ email: string }> {
  await requireServicePermission(actor, serviceId, "manage_team");
  if (!isUuid(userId)) throw notFound("Team member");
  return db.$transaction(async (tx) => {
    const member = await tx.serviceMember.findUnique({
      where: { serviceId_userId: { serviceId, userId } },
      select: { permissions: true, user: { select: { email: true } } },
    });
    if (!member) throw notFound("Team member");
    if (member.permissions.includes("manage_team")) {
      await requireAnotherTeamManager(
        tx,
        serviceId,
        userId,
        "You cannot remove the only team member who can manage the team. Give someone else that permission first.",
      );
    }
    await tx.serviceMember.delete({ where: { serviceId_userId: { serviceId, userId } } });
    await recordAuditEvent(tx, {
      action: "team.member_removed",
      serviceId,
      userId: actor.userId,
      subjectType: "user",
      subjectId: userId,
      details: { email: member.user.email },
    });
    return { email: member.user.email };
  });
}
