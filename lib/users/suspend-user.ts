import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { requirePlatformAdmin, type PlatformWrite } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";

/**
 * A platform administrator suspends someone: they are signed out everywhere at once and cannot
 * sign in until reactivated. Their memberships stay. Nobody can suspend themselves.
 */
export async function suspendUser({ actor, userId }: PlatformWrite<{ userId: string }>): Promise<void> {
  requirePlatformAdmin(actor);
  if (userId === actor.userId) throw new AppError("conflict", "You cannot suspend your own account");
  if (!isUuid(userId)) throw notFound("User");
  await db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, suspendedAt: null },
      data: { suspendedAt: new Date() },
    });
    if (count === 0) throw new AppError("conflict", "This account is already suspended, or does not exist");
    await tx.session.deleteMany({ where: { userId } });
    await recordAuditEvent(tx, {
      action: "user.suspended",
      userId: actor.userId,
      subjectType: "user",
      subjectId: userId,
    });
  });
}

/** A platform administrator lets a suspended account sign in again. */
export async function reactivateUser({ actor, userId }: PlatformWrite<{ userId: string }>): Promise<void> {
  requirePlatformAdmin(actor);
  if (!isUuid(userId)) throw notFound("User");
  await db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, suspendedAt: { not: null } },
      data: { suspendedAt: null },
    });
    if (count === 0) throw new AppError("conflict", "This account is not suspended");
    await recordAuditEvent(tx, {
      action: "user.reactivated",
      userId: actor.userId,
      subjectType: "user",
      subjectId: userId,
    });
  });
}
