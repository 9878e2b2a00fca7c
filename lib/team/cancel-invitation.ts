import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";

/** Cancels a pending invitation of the service, so its link no longer works. Needs "manage team". */
export async function cancelInvitation({
  actor,
  serviceId,
  invitationId,
}: ServiceWrite<{ invitationId: string }>): Promise<{ email: string }> {
  await requireServicePermission(actor, serviceId, "manage_team");
  if (!isUuid(invitationId)) throw notFound("Invitation");
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { id: invitationId, serviceId, acceptedAt: null, cancelledAt: null },
      select: { id: true, email: true },
    });
    if (!invitation) throw notFound("Invitation");
    await tx.invitation.update({ where: { id: invitation.id }, data: { cancelledAt: new Date() } });
    await recordAuditEvent(tx, {
      action: "team.invitation_cancelled",
      serviceId,
      userId: actor.userId,
      subjectType: "invitation",
      subjectId: invitation.id,
      details: { email: invitation.email },
    });
    return { email: invitation.email };
  });
}
