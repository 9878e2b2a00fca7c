import "server-only";
import { ReleasePhoneNumberCommand } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requirePlatformAdmin, type PlatformWrite } from "@/lib/permissions";
import { callAws } from "./aws-client";
import { describePhoneNumber } from "./describe";
import { forgetInventory } from "./inventory";
import { servicesUsing } from "./queries";

/**
 * Gives a number back to AWS (ReleasePhoneNumber). Refused, saying why, while a service sends from
 * it or receives on it, or while its deletion protection is on. Platform admins only.
 */
export async function releasePhoneNumber({
  actor,
  awsId,
}: PlatformWrite<{ awsId: string }>): Promise<{ number: string }> {
  requirePlatformAdmin(actor);
  const number = await describePhoneNumber(awsId);
  const phoneNumber = number.PhoneNumber ?? awsId;
  const users = await servicesUsing(phoneNumber);
  if (users.length)
    throw new AppError(
      "conflict",
      `${phoneNumber} is in use: ${users.map((use) => `${use.service.name} ${use.as === "sender" ? "sends from it" : "receives texts on it"}`).join(", ")}. Take it back from the service first.`,
    );
  if (number.DeletionProtectionEnabled)
    throw new AppError(
      "conflict",
      `Deletion protection is on for ${phoneNumber}: turn it off on the number's page before releasing it.`,
    );
  await callAws((sms) => sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: awsId })));
  await db.$transaction(async (tx) => {
    const row = await tx.phoneNumber.findUnique({ where: { awsId }, select: { id: true } });
    if (row) await tx.phoneNumber.update({ where: { awsId }, data: { status: "DELETED", releasedAt: new Date() } });
    await recordAuditEvent(tx, {
      action: "phone_number.released",
      userId: actor.userId,
      subjectType: "phone_number",
      ...(row ? { subjectId: row.id } : {}),
      details: { number: phoneNumber, awsId },
    });
  });
  forgetInventory();
  return { number: phoneNumber };
}
