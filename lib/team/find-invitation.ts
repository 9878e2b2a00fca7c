import "server-only";
import { hashToken } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import type { Permission } from "@/lib/permissions";
import { invitationStateOf, type InvitationState } from "./invitation-link";

export type InvitationView = {
  state: InvitationState;
  email: string;
  serviceId: string;
  serviceName: string;
  invitedByName: string | null;
  permissions: Permission[];
  expiresAt: Date;
  /** Whether someone already has an account with the invited address (then they sign in to accept). */
  accountExists: boolean;
};

/** What the invitation page shows for a token; null when no invitation has it. Anyone holding the link may see this. */
export async function findInvitation(token: string): Promise<InvitationView | null> {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      email: true,
      serviceId: true,
      permissions: true,
      invitedById: true,
      expiresAt: true,
      acceptedAt: true,
      cancelledAt: true,
      service: { select: { name: true } },
    },
  });
  if (!invitation) return null;
  const [inviter, account] = await Promise.all([
    db.user.findUnique({ where: { id: invitation.invitedById }, select: { name: true } }),
    db.user.findUnique({ where: { email: invitation.email }, select: { id: true } }),
  ]);
  return {
    state: invitationStateOf(invitation),
    email: invitation.email,
    serviceId: invitation.serviceId,
    serviceName: invitation.service.name,
    invitedByName: inviter?.name ?? null,
    permissions: invitation.permissions,
    expiresAt: invitation.expiresAt,
    accountExists: account !== null,
  };
}
