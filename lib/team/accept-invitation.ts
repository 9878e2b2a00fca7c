import "server-only";
import { OPERATOR } from "@/lib/permissions";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashToken } from "@/lib/crypto/secrets";
import { db, type DbClient } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import type { Permission } from "@/lib/permissions";
import { createUser } from "@/lib/users/create-user";
import { createUserInputSchema } from "@/lib/users/schemas";
import { parseInput } from "@/lib/validation";
import { invitationStateOf } from "./invitation-link";

const UNUSABLE: Record<string, string> = {
  expired: "This invitation has expired. Ask the person who invited you to invite you again.",
  cancelled: "This invitation was cancelled. Ask the service’s team if you still need to join.",
  accepted: "This invitation has already been used. Sign in to see the service.",
};
const unusable = (state: string) =>
  new AppError("forbidden", UNUSABLE[state] ?? "This invitation link is not valid. Check you copied the whole link.");

type ClaimedInvitation = { id: string; serviceId: string; email: string; permissions: Permission[] };

/** Marks the invitation used, only if it still may be; throws why not otherwise. */
async function claimInvitation(client: DbClient, token: string): Promise<ClaimedInvitation> {
  const invitation = await client.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      serviceId: true,
      email: true,
      permissions: true,
      acceptedAt: true,
      cancelledAt: true,
      expiresAt: true,
    },
  });
  if (!invitation) throw unusable("unknown");
  const now = new Date();
  const state = invitationStateOf(invitation, now);
  if (state !== "pending") throw unusable(state);
  const { count } = await client.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, cancelledAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now },
  });
  if (count !== 1) throw unusable("accepted");
  return invitation;
}

async function joinService(client: DbClient, invitation: ClaimedInvitation, userId: string): Promise<void> {
  // Someone already on the team keeps what they have: an invitation never takes permissions away.
  await client.serviceMember.upsert({
    where: { serviceId_userId: { serviceId: invitation.serviceId, userId } },
    create: { serviceId: invitation.serviceId, userId, permissions: invitation.permissions },
    update: {},
  });
  await recordAuditEvent(client, {
    action: "team.invitation_accepted",
    serviceId: invitation.serviceId,
    userId,
    subjectType: "invitation",
    subjectId: invitation.id,
    details: { email: invitation.email, permissions: invitation.permissions },
  });
}

/** A signed-in user accepts an invitation sent to their own email address and joins the service. */
export async function acceptInvitation(
  token: string,
  user: { userId: string; email: string },
): Promise<{ serviceId: string }> {
  return db.$transaction(async (tx) => {
    const invitation = await claimInvitation(tx, token);
    if (invitation.email !== user.email.toLowerCase()) {
      throw new AppError(
        "forbidden",
        `This invitation was sent to ${invitation.email}. Sign out, then open the link again to accept it with that address.`,
      );
    }
    await joinService(tx, invitation, user.userId);
    return { serviceId: invitation.serviceId };
  });
}

const newAccountSchema = createUserInputSchema.pick({ name: true, password: true });
export type NewAccountInput = z.input<typeof newAccountSchema>;

/**
 * Someone without an account accepts: creates their account with the invited email address (the
 * usual password rules apply) and makes them a member. They sign in afterwards.
 */
export async function acceptInvitationWithNewAccount(
  token: string,
  input: NewAccountInput,
): Promise<{ serviceId: string; email: string }> {
  const { name, password } = parseInput(newAccountSchema, input);
  const invitation = await claimInvitation(db, token);
  let userId: string;
  try {
    ({ id: userId } = await createUser({ actor: OPERATOR, email: invitation.email, name, password }));
  } catch (error) {
    // The invitation is still good for a second try, or for signing in with the existing account.
    await db.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: null } });
    if (isAppError(error, "conflict"))
      throw new AppError(
        "conflict",
        "An account with this email address already exists. Sign in to accept the invitation.",
      );
    throw error;
  }
  await db.$transaction((tx) => joinService(tx, invitation, userId));
  return { serviceId: invitation.serviceId, email: invitation.email };
}
