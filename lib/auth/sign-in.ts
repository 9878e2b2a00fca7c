import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { passwordDecoy, verifyPassword } from "./password";
import { createSession, endSession } from "./sessions";
import { sendSignInCode } from "./sign-in-codes";

export type SignInAttempt = { email: string; password: string; ipAddress?: string | null; userAgent?: string | null };

export type SignInResult =
  | { outcome: "signed-in"; userId: string; sessionId: string }
  | { outcome: "invalid" }
  | { outcome: "locked"; lockedUntil: Date }
  | { outcome: "code-not-sent" };

/**
 * Checks a password, opens a session that waits for its sign-in code, and sends the code. After SIGN_IN_MAX_FAILURES wrong passwords in a row
 * the account is locked for SIGN_IN_LOCKOUT_MINUTES; while locked, even the right password fails.
 */
export async function signIn(attempt: SignInAttempt): Promise<SignInResult> {
  const email = attempt.email.trim().toLowerCase();
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, lockedUntil: true },
  });
  if (!user) {
    await verifyPassword(attempt.password, await passwordDecoy());
    return { outcome: "invalid" };
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    return { outcome: "locked", lockedUntil: user.lockedUntil };
  }
  if (!(await verifyPassword(attempt.password, user.passwordHash))) {
    return recordFailure(user.id, attempt.ipAddress ?? null);
  }
  const session = await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { failedSignInCount: 0, lockedUntil: null, lastSignedInAt: now },
    });
    const created = await createSession(tx, {
      userId: user.id,
      ipAddress: attempt.ipAddress,
      userAgent: attempt.userAgent,
    });
    await recordAuditEvent(tx, { action: "user.signed_in", userId: user.id, ipAddress: attempt.ipAddress ?? null });
    return created;
  });
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

async function recordFailure(userId: string, ipAddress: string | null): Promise<SignInResult> {
  const { SIGN_IN_MAX_FAILURES, SIGN_IN_LOCKOUT_MINUTES } = config();
  return db.$transaction(async (tx) => {
    // The increment happens in SQL so that concurrent wrong guesses all count.
    const { failedSignInCount } = await tx.user.update({
      where: { id: userId },
      data: { failedSignInCount: { increment: 1 } },
      select: { failedSignInCount: true },
    });
    if (failedSignInCount < SIGN_IN_MAX_FAILURES) {
      await recordAuditEvent(tx, { action: "user.sign_in_failed", userId, ipAddress });
      return { outcome: "invalid" } as const;
    }
    const lockedUntil = new Date(Date.now() + SIGN_IN_LOCKOUT_MINUTES * 60_000);
    await tx.user.update({ where: { id: userId }, data: { failedSignInCount: 0, lockedUntil } });
    await recordAuditEvent(tx, {
      action: "user.locked",
      userId,
      ipAddress,
      details: { failures: failedSignInCount, lockedUntil: lockedUntil.toISOString() },
    });
    return { outcome: "locked", lockedUntil } as const;
  });
}
