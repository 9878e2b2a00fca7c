import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashToken, randomToken } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireServicePermission, type Actor } from "@/lib/services/permissions";
import { parseInput } from "@/lib/validation";
import { INVITATION_LIFETIME_MS, invitationLink } from "./invitation-link";
import { invitationInputSchema, type InvitationInput } from "./schemas";

export type CreatedInvitation = { id: string; email: string; expiresAt: Date; link: string };

/**
 * Invites someone to the service by email address with the chosen permissions. Needs "manage team".
 * Returns the link that lets them join: only the token's hash is stored, so this is the one time
 * the link exists. Inviting the same address again replaces its pending invitation, so only the
 * newest link works.
 */
export async function inviteTeamMember(actor: Actor, serviceId: string, input: InvitationInput): Promise<CreatedInvitation> {
  await requireServicePermission(actor, serviceId, "manage_team");
  const { email, permissions } = parseInput(invitationInputSchema, input);
  if (await db.serviceMember.findFirst({ where: { serviceId, user: { email } }, select: { userId: true } })) {
    throw new AppError("conflict", "This person is already a team member", { email: `${email} is already a member of this service` });
  }
  const token = randomToken();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
  const invitation = await db.$transaction(async (tx) => {
    await tx.invitation.updateMany({ where: { serviceId, email, acceptedAt: null, cancelledAt: null }, data: { cancelledAt: new Date() } });
    const created = await tx.invitation.create({
      data: { serviceId, email, permissions, invitedById: actor.userId, tokenHash: hashToken(token), expiresAt },
      select: { id: true },
    });
    await recordAuditEvent(tx, { action: "team.member_invited", serviceId, userId: actor.userId, subjectType: "invitation", subjectId: created.id, details: { email, permissions } });
    return created;
  });
  return { id: invitation.id, email, expiresAt, link: invitationLink(token) };
}
