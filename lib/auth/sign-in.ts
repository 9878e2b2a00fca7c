import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { passwordDecoy, verifyPassword } from "./password";
import { lockAccount, unlockedAt } from "./lock-account";
import { createSession, endSession } from "./sessions";
import { sendSignInCode } from "./sign-in-codes";

export type SignInAttempt = { email: string; password: string; ipAddress?: string | null; userAgent?: string | null };

export type SignInResult =
  | { outcome: "signed-in"; userId: string; sessionId: string }
  | { outcome: "invalid" }
  | { outcome: "locked"; lockedUntil: Date }
  | { outcome: "suspended" }
  | { outcome: "code-not-sent" };

/**
 * Checks a password, opens a session that waits for its sign-in code, and sends the code. After
 * SIGN_IN_MAX_FAILURES wrong passwords in a row the account is locked for SIGN_IN_LOCKOUT_MINUTES;
 * while locked, even the right password fails.
 *
 * Every check first claims one of the account's SIGN_IN_MAX_FAILURES tries in a single conditional
 * UPDATE, so a burst of simultaneous guesses gets no more password checks than a slow one, and a
 * right password counts only if the account is still unlocked when it is accepted.
 */
export async function signIn(attempt: SignInAttempt): Promise<SignInResult> {
  const email = attempt.email.trim().toLowerCase();
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, suspendedAt: true },
  });
  if (!user) {
    await verifyPassword(attempt.password, await passwordDecoy());
    return { outcome: "invalid" };
  }
  const ipAddress = attempt.ipAddress ?? null;
  if (!(await claimTry(user.id))) return lockedOut(user.id, ipAddress);
  if (!(await verifyPassword(attempt.password, user.passwordHash))) return recordFailure(user.id, ipAddress);
  // Said only to someone who knows the password, so it tells a stranger nothing.
  if (user.suspendedAt) return { outcome: "suspended" };

  const now = new Date();
  const session = await db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: user.id, ...unlockedAt(now) },
      data: { failedSignInCount: 0, lastSignedInAt: now },
    });
    if (count === 0) return null;
    const created = await createSession(tx, { userId: user.id, ipAddress, userAgent: attempt.userAgent });
    await recordAuditEvent(tx, { action: "user.signed_in", userId: user.id, ipAddress });
    return created;
  });
  // Locked by other guesses while this password was being checked.
  if (!session) return lockedOut(user.id, ipAddress);
  try {
    await sendSignInCode(user.id, { now });
  } catch (error) {
    // Without a code the session could never open; say so rather than blame the password.
    log.error({ err: error, userId: user.id }, "could not send a sign-in code");
    await endSession(session.id);
    return { outcome: "code-not-sent" };
  }
  return { outcome: "signed-in", userId: user.id, sessionId: session.id };
}

/** Counts a try before the password is checked; false when the account is locked or out of tries. */
async function claimTry(userId: string): Promise<boolean> {
  const { count } = await db.user.updateMany({
    where: { id: userId, failedSignInCount: { lt: config().SIGN_IN_MAX_FAILURES }, ...unlockedAt(new Date()) },
    data: { failedSignInCount: { increment: 1 } },
  });
  return count === 1;
}

/** The claimed try was wrong: it stays counted, and the last try allowed locks the account. */
async function recordFailure(userId: string, ipAddress: string | null): Promise<SignInResult> {
  const { failedSignInCount } = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { failedSignInCount: true },
  });
  if (failedSignInCount >= config().SIGN_IN_MAX_FAILURES) return lockedOut(userId, ipAddress);
  await recordAuditEvent(db, { action: "user.sign_in_failed", userId, ipAddress });
  return { outcome: "invalid" };
}

/** Locks the account (if other guesses have not already) and answers with the lock in force. */
async function lockedOut(userId: string, ipAddress: string | null): Promise<SignInResult> {
  const locked = await db.$transaction((tx) => lockAccount(tx, { userId, ipAddress, reason: "passwords" }));
  if (locked) return { outcome: "locked", lockedUntil: locked };
  const { lockedUntil } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { lockedUntil: true } });
  return { outcome: "locked", lockedUntil: lockedUntil ?? new Date() };
}
