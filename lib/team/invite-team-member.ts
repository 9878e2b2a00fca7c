import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashToken, randomToken } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { sendNotification } from "@/lib/notifications/send-notification";
import { platformService, platformTemplateId } from "@/lib/platform/platform-service";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { INVITATION_LIFETIME_MS, invitationLink } from "./invitation-link";
import { invitationInputSchema, type InvitationInput } from "./schemas";

export type CreatedInvitation = { id: string; email: string; expiresAt: Date; link: string };

/**
 * Invites someone to the service by email address with the chosen permissions, and emails them the
 * link to join. Needs "manage team". Returns the link too, for the inviter to pass on another way:
 * only the token's hash is stored, so this is the one time the link is shown. Inviting the same address again replaces its pending invitation, so only the
 * newest link works.
 */
export async function inviteTeamMember({
  actor,
  serviceId,
  ...input
}: ServiceWrite<InvitationInput>): Promise<CreatedInvitation> {
  await requireServicePermission(actor, serviceId, "manage_team");
  const inviterId = actor.userId;
  // The email names who invited them, and the link is theirs to pass on: it takes a person.
  if (inviterId === null) throw new AppError("forbidden", "Sign in to the console to invite someone");
  const { email, permissions } = parseInput(invitationInputSchema, input);
  if (await db.serviceMember.findFirst({ where: { serviceId, user: { email } }, select: { userId: true } })) {
    throw new AppError("conflict", "This person is already a team member", {
      email: `${email} is already a member of this service`,
    });
  }
  const token = randomToken();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
  const invitation = await db.$transaction(async (tx) => {
    await tx.invitation.updateMany({
      where: { serviceId, email, acceptedAt: null, cancelledAt: null },
      data: { cancelledAt: new Date() },
    });
    const created = await tx.invitation.create({
      data: { serviceId, email, permissions, invitedById: inviterId, tokenHash: hashToken(token), expiresAt },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      action: "team.member_invited",
      serviceId,
      userId: actor.userId,
      subjectType: "invitation",
      subjectId: created.id,
      details: { email, permissions },
    });
    return created;
  });
  const link = invitationLink(token);
  await emailInvitation(inviterId, serviceId, email, link);
  return { id: invitation.id, email, expiresAt, link };
}

// Through Tidings' own service, like sign-in codes.
async function emailInvitation(inviterId: string, serviceId: string, email: string, link: string): Promise<void> {
  const [inviter, service] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: inviterId }, select: { name: true } }),
    db.service.findUniqueOrThrow({ where: { id: serviceId }, select: { name: true } }),
  ]);
  const platform = await platformService();
  const templateId = await platformTemplateId(platform, "invitation");
  await sendNotification(
    { service: platform, keyType: "normal", createdById: inviterId },
    {
      type: "email",
      templateId,
      recipient: email,
      personalisation: { inviter: inviter.name, service_name: service.name, link },
    },
  );
}
