import "server-only";
import { UpdatePhoneNumberCommand } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { requirePlatformAdmin, type PlatformWrite } from "@/lib/permissions";
import { callAws } from "./aws-client";
import { forgetInventory } from "./inventory";

/**
 * Turns a number's deletion protection on or off (UpdatePhoneNumber DeletionProtectionEnabled).
 * While it is on, AWS refuses to release the number. Platform admins only, audited.
 */
export async function setPhoneNumberDeletionProtection({
  actor,
  awsId,
  enabled,
}: PlatformWrite<{ awsId: string; enabled: boolean }>): Promise<{ number: string }> {
  requirePlatformAdmin(actor);
  const number = await callAws((sms) =>
    sms.send(new UpdatePhoneNumberCommand({ PhoneNumberId: awsId, DeletionProtectionEnabled: enabled })),
  );
  const row = await db.phoneNumber.findUnique({ where: { awsId }, select: { id: true } });
  await recordAuditEvent(db, {
    action: enabled ? "phone_number.deletion_protection_on" : "phone_number.deletion_protection_off",
    userId: actor.userId,
    subjectType: "phone_number",
    ...(row ? { subjectId: row.id } : {}),
    details: { number: number.PhoneNumber ?? null, awsId },
  });
  forgetInventory();
  return { number: number.PhoneNumber ?? awsId };
}
