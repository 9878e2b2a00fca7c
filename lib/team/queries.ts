import "server-only";
import { db } from "@/lib/db";
import type { Permission } from "@/lib/permissions";

export type TeamMember = { userId: string; name: string; email: string; permissions: Permission[]; joinedAt: Date };
export type PendingInvitation = { id: string; email: string; permissions: Permission[]; expiresAt: Date };

/**
 * The service's members by name, and the invitations still waiting to be accepted. Like the other
 * queries here it leaves checking the reader's access to its caller.
 */
export async function listTeam(
  serviceId: string,
): Promise<{ members: TeamMember[]; invitations: PendingInvitation[] }> {
  const [members, invitations] = await Promise.all([
    db.serviceMember.findMany({
      where: { serviceId },
      orderBy: [{ user: { name: "asc" } }, { user: { email: "asc" } }],
      select: { permissions: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
    db.invitation.findMany({
      where: { serviceId, acceptedAt: null, cancelledAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, permissions: true, expiresAt: true },
    }),
  ]);
  return {
    members: members.map((member) => ({
      userId: member.user.id,
      name: member.user.name,
      email: member.user.email,
      permissions: member.permissions,
      joinedAt: member.createdAt,
    })),
    invitations,
  };
}
