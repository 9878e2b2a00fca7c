import "server-only";
import { ownAccountOf, type AccountWrite } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { consumeSignInCode, sendSignInCode } from "@/lib/auth/sign-in-codes";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { checkPhoneNumber } from "@/lib/recipients/phone";
import { parseInput } from "@/lib/validation";
import type { CountryCode } from "libphonenumber-js";
import { z } from "zod";
import { passwordSchema } from "./schemas";

export type Account = { name: string; email: string; mobileNumber: string | null; secondFactor: "email" | "sms" };

export async function getAccount(userId: string): Promise<Account> {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { name: true, email: true, mobileNumber: true, secondFactor: true },
  });
}

const detailsSchema = z.object({
  name: z.string().trim().min(1, "Enter your name").max(255, "Name must be 255 characters or fewer"),
  mobileNumber: z.string().trim().max(50, "Mobile number is too long"),
});

/**
 * Changes a person's name and mobile number. A new number must be confirmed again before sign-in
 * codes go to it, so changing or removing it switches codes back to email.
 */
export async function updateAccountDetails({
  actor,
  ...input
}: AccountWrite<{ name: string; mobileNumber: string }>): Promise<Account> {
  const userId = ownAccountOf(actor);
  const { name, mobileNumber: raw } = parseInput(detailsSchema, input);
  let mobileNumber: string | null = null;
  if (raw) {
    const checked = checkPhoneNumber(raw, config().SMS_HOME_COUNTRY as CountryCode);
    if (!checked.valid) throw new AppError("validation", checked.message, { mobileNumber: checked.message });
    mobileNumber = checked.e164;
  }
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { mobileNumber: true, secondFactor: true },
    });
    const numberChanged = before.mobileNumber !== mobileNumber;
    const account = await tx.user.update({
      where: { id: userId },
      data: { name, mobileNumber, ...(numberChanged ? { secondFactor: "email" } : {}) },
      select: { name: true, email: true, mobileNumber: true, secondFactor: true },
    });
    await recordAuditEvent(tx, {
      action: "user.details_changed",
      userId,
      subjectType: "user",
      subjectId: userId,
      details: { mobileNumberChanged: numberChanged },
    });
    return account;
  });
}

/**
 * Changes a person's password after checking the current one, and signs out their other browsers,
 * so that whoever knew the old password loses access.
 */
export async function changePassword({
  actor,
  sessionId,
  ...input
}: AccountWrite<{ sessionId: string; currentPassword: string; newPassword: string }>): Promise<void> {
  const userId = ownAccountOf(actor);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash)))
    throw new AppError("validation", "Your current password is not right", {
      currentPassword: "Your current password is not right",
    });
  const newPassword = parseInput(z.object({ newPassword: passwordSchema }), {
    newPassword: input.newPassword,
  }).newPassword;
  if (newPassword === input.currentPassword)
    throw new AppError("validation", "Choose a password different from your current one", {
      newPassword: "Choose a password different from your current one",
    });
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId, id: { not: sessionId } } });
    await recordAuditEvent(tx, {
      action: "user.password_changed",
      userId,
      subjectType: "user",
      subjectId: userId,
      details: {},
    });
  });
}

/** Sends a code to the person's mobile number; entering it (confirmTextMessageCodes) makes texts their way of getting sign-in codes. */
export async function startTextMessageCodes({
  actor,
  now = new Date(),
}: AccountWrite<{ now?: Date }>): Promise<{ to: string }> {
  const userId = ownAccountOf(actor);
  const { mobileNumber } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { mobileNumber: true } });
  if (!mobileNumber)
    throw new AppError("validation", "Add your mobile number first", {
      secondFactor: "Add your mobile number above before choosing text messages",
    });
  const { to } = await sendSignInCode(userId, { now, channel: "sms" });
  return { to };
}

export async function confirmTextMessageCodes({
  actor,
  code,
  now = new Date(),
}: AccountWrite<{ code: string; now?: Date }>): Promise<void> {
  const userId = ownAccountOf(actor);
  await consumeSignInCode(userId, code, now, async (tx, channel) => {
    if (channel !== "sms")
      throw new AppError("validation", "Ask for a code by text message first", {
        code: "Ask for a code by text message first",
      });
    await tx.user.update({ where: { id: userId }, data: { secondFactor: "sms" } });
    await recordAuditEvent(tx, {
      action: "user.second_factor_changed",
      userId,
      subjectType: "user",
      subjectId: userId,
      details: { secondFactor: "sms" },
    });
  });
}

export async function switchToEmailCodes({ actor }: AccountWrite): Promise<void> {
  const userId = ownAccountOf(actor);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { secondFactor: "email" } });
    await recordAuditEvent(tx, {
      action: "user.second_factor_changed",
      userId,
      subjectType: "user",
      subjectId: userId,
      details: { secondFactor: "email" },
    });
  });
}
