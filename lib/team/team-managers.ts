import "server-only";
import type { DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Refuses a change that would leave the service with no member who can manage the team, since
 * nobody could then invite or fix anyone. Locks the service row first, so that two managers
 * removing each other at the same moment cannot both succeed.
 */
export async function requireAnotherTeamManager(
  tx: DbTransaction,
  serviceId: string,
  leavingUserId: string,
  message: string,
): Promise<void> {
  await tx.$queryRaw`SELECT id FROM services WHERE id = ${serviceId}::uuid FOR UPDATE`;
  const others = await tx.serviceMember.count({
    where: { serviceId, userId: { not: leavingUserId }, permissions: { has: "manage_team" } },
  });
  if (others === 0) throw new AppError("conflict", message, { permissions: message });
}
