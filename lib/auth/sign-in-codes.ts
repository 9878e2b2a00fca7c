import "server-only";
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { config } from "@/lib/config";
import { deriveKeys } from "@/lib/crypto/secrets";
import { db, type DbTransaction } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { sendNotification } from "@/lib/notifications/send-notification";
import { platformService, platformTemplateId } from "@/lib/platform/platform-service";
import { lockAccount } from "./lock-account";

const CODE_TTL_MINUTES = 15;
/** @internal Exported for its tests. */
export const MAX_CODE_ATTEMPTS = 5;
/**
 * Wrong codes are also counted per person over this long, whatever codes they went to: a new code
 * (a fresh password step) must not give five more tries for ever. SIGN_IN_MAX_FAILURES of them
 * lock the account as wrong passwords do.
 */
const CODE_FAILURE_WINDOW_MINUTES = 60;
const RESEND_AFTER_SECONDS = 30;

// Keyed with SECRET_KEY, and during a rotation also checked against SECRET_KEY_PREVIOUS's hash.
const codeHashes = (userId: string, code: string) =>
  deriveKeys("sign-in-codes").map((key) => createHmac("sha256", key).update(`${userId}:${code}`).digest("hex"));

/**
 * Sends a fresh 6-digit code to the person's chosen second factor (email, or phone when they chose
 * text messages and have a number), or to `channel` when given (confirming a phone before texts
 * are chosen), through Tidings' own service on the priority queue. Earlier codes stop working.
 * Only the code's keyed hash is stored; the code itself is never logged.
 */
export async function sendSignInCode(
  userId: string,
  options: { now?: Date; isResend?: boolean; channel?: "email" | "sms" } = {},
): Promise<{ channel: "email" | "sms"; to: string }> {
  const now = options.now ?? new Date();
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, mobileNumber: true, secondFactor: true },
  });
  const latest = options.isResend
    ? await db.signInCode.findFirst({ where: { userId }, orderBy: { createdAt: "desc" }, select: { createdAt: true } })
    : null;
  // "Send a new code" cannot be used to flood someone's phone; a right password always gets a code.
  if (latest && now.getTime() - latest.createdAt.getTime() < RESEND_AFTER_SECONDS * 1000) {
    throw new AppError("rate_limited", `Wait ${RESEND_AFTER_SECONDS} seconds before asking for another code`, {
      code: `Wait ${RESEND_AFTER_SECONDS} seconds before asking for another code`,
    });
  }
  const channel = (options.channel ?? user.secondFactor) === "sms" && user.mobileNumber ? "sms" : "email";
  const to = channel === "sms" ? user.mobileNumber! : user.email;
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await db.$transaction([
    db.signInCode.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } }),
    db.signInCode.create({
      data: {
        userId,
        codeHash: codeHashes(userId, code)[0]!,
        channel,
        expiresAt: new Date(now.getTime() + CODE_TTL_MINUTES * 60_000),
        createdAt: now,
      },
    }),
  ]);
  const service = await platformService();
  const templateId = await platformTemplateId(service, channel === "sms" ? "signInCodeSms" : "signInCodeEmail");
  try {
    await sendNotification(
      { service, keyType: "normal" },
      { type: channel, templateId, recipient: to, personalisation: { code } },
    );
  } catch (error) {
    // A phone that cannot be texted (opted out with STOP, say) must not lock its owner out: a code
    // they chose to get by text goes to their email instead. A phone being confirmed gets the error.
    if (channel !== "sms" || options.channel === "sms" || !isAppError(error)) throw error;
    log.warn({ err: error, userId }, "sign-in code could not be texted; sending it by email");
    return sendSignInCode(userId, { now, channel: "email" });
  }
  return { channel, to };
}

const wrongCode = (message: string) => new AppError("validation", message, { code: message });

/**
 * Confirms the code for a session opened with a password: the session then opens the console.
 * Codes are single-use, expire after 15 minutes, and allow five tries (see consumeSignInCode).
 */
export async function confirmSignInCode(
  sessionId: string,
  userId: string,
  code: string,
  now: Date = new Date(),
): Promise<void> {
  await consumeSignInCode(userId, code, now, async (tx, channel) => {
    const { count } = await tx.session.updateMany({
      where: { id: sessionId, userId, secondFactorAt: null },
      data: { secondFactorAt: now },
    });
    if (count === 0) throw wrongCode("Your sign-in has expired. Sign in again.");
    await recordAuditEvent(tx, { action: "user.second_factor_confirmed", userId, details: { channel } });
  });
}

/**
 * Checks the latest code sent to this person and, if it is right, uses it up and runs `then` in
 * the same transaction. A wrong code counts as an attempt (committed) and is refused after.
 *
 * The person's row is locked for the check, so simultaneous guesses are counted one after another:
 * at most MAX_CODE_ATTEMPTS per code, and SIGN_IN_MAX_FAILURES across their codes within
 * CODE_FAILURE_WINDOW_MINUTES, after which the account is locked and the code is dead.
 */
export async function consumeSignInCode(
  userId: string,
  code: string,
  now: Date,
  then: (tx: DbTransaction, channel: "email" | "sms") => Promise<void>,
): Promise<void> {
  const entered = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(entered)) throw wrongCode("Enter the 6-digit code we sent you");
  const outcome = await db.$transaction(async (tx) => {
    const [account] = await tx.$queryRaw<{ locked_until: Date | null }[]>`
      SELECT locked_until FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
    if (account?.locked_until && account.locked_until > now) return "locked" as const;
    const current = await tx.signInCode.findFirst({ where: { userId, usedAt: null }, orderBy: { createdAt: "desc" } });
    if (!current || current.expiresAt <= now) throw wrongCode("This code has expired. Ask for a new one.");
    if (current.attempts >= MAX_CODE_ATTEMPTS) throw wrongCode("Too many wrong codes. Ask for a new one.");
    const stored = Buffer.from(current.codeHash, "hex");
    const matches = codeHashes(userId, entered).some((hash) => timingSafeEqual(stored, Buffer.from(hash, "hex")));
    if (matches) {
      await tx.signInCode.update({ where: { id: current.id }, data: { usedAt: now } });
      await then(tx, current.channel);
      return "accepted" as const;
    }
    await tx.signInCode.update({ where: { id: current.id }, data: { attempts: { increment: 1 } } });
    const recent = await tx.signInCode.aggregate({
      where: { userId, createdAt: { gt: new Date(now.getTime() - CODE_FAILURE_WINDOW_MINUTES * 60_000) } },
      _sum: { attempts: true },
    });
    if ((recent._sum.attempts ?? 0) < config().SIGN_IN_MAX_FAILURES) return "wrong" as const;
    await tx.signInCode.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    await lockAccount(tx, { userId, ipAddress: null, reason: "codes", now });
    return "locked" as const;
  });
  // The failed attempt's count (and any lock) is committed above; report it after the transaction.
  if (outcome === "wrong") throw wrongCode("That code is not right. Check it and try again.");
  if (outcome === "locked") {
    const message = `Too many wrong codes: this account is locked for ${config().SIGN_IN_LOCKOUT_MINUTES} minutes. Sign in again after that.`;
    throw new AppError("locked", message, { code: message });
  }
}

/** Where the latest code went, for the code page's wording. */
export async function latestSignInCodeChannel(userId: string): Promise<"email" | "sms"> {
  const latest = await db.signInCode.findFirst({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { channel: true },
  });
  return latest?.channel ?? "email";
}

/**
 * The latest sign-in code Tidings sent to this address or number, read from its own outbox. For
 * operators of an installation without a real email or SMS provider (the simulated one delivers
 * nowhere): `npm run cli -- sign-in-code --to you@example.com`.
 */
export async function latestSentSignInCode(to: string): Promise<{ code: string; sentAt: Date } | null> {
  const message = await db.notification.findFirst({
    where: {
      normalisedRecipient: to.trim().toLowerCase(),
      service: { isPlatformService: true },
      templateVersionRef: { name: { startsWith: "Sign-in code" } },
    },
    orderBy: { createdAt: "desc" },
    select: { body: true, createdAt: true },
  });
  const code = message && /\d{6}/.exec(message.body)?.[0];
  return code ? { code, sentAt: message.createdAt } : null;
}
