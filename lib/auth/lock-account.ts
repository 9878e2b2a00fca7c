import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { config } from "@/lib/config";
import type { DbTransaction } from "@/lib/db";

/** The condition of an account that is not locked at `now`. */
export const unlockedAt = (now: Date) => ({ OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] });

/**
 * Locks the account for SIGN_IN_LOCKOUT_MINUTES unless it already is locked: one conditional
 * UPDATE, so that simultaneous callers lock it (and audit it) once. Answers the new lock's end, or
 * null when the account was locked already.
 */
export async function lockAccount(
  tx: DbTransaction,
  input: { userId: string; ipAddress: string | null; reason: "passwords" | "codes"; now?: Date },
): Promise<Date | null> {
  const now = input.now ?? new Date();
  const lockedUntil = new Date(now.getTime() + config().SIGN_IN_LOCKOUT_MINUTES * 60_000);
  const { count } = await tx.user.updateMany({
    where: { id: input.userId, ...unlockedAt(now) },
    data: { failedSignInCount: 0, lockedUntil },
  });
  if (count === 0) return null;
  await recordAuditEvent(tx, {
    action: "user.locked",
    userId: input.userId,
    ipAddress: input.ipAddress,
    details: { reason: input.reason, lockedUntil: lockedUntil.toISOString() },
  });
  return lockedUntil;
}
