import "server-only";
import { SubmitRegistrationVersionCommand } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { requirePlatformAdmin, type PlatformWrite } from "@/lib/permissions";
import { callAws } from "./aws-client";

/**
 * Sends a drafted registration to AWS for review (SubmitRegistrationVersion). From then on the
 * poller records its status on the numbers linked to it. Platform admins only, audited.
 */
export async function submitPhoneRegistration({
  actor,
  registrationId,
}: PlatformWrite<{ registrationId: string }>): Promise<{ status: string }> {
  requirePlatformAdmin(actor);
  const answer = await callAws((sms) =>
    sms.send(new SubmitRegistrationVersionCommand({ RegistrationId: registrationId })),
  );
  await recordAuditEvent(db, {
    action: "phone_registration.submitted",
    userId: actor.userId,
    subjectType: "phone_registration",
    details: { registrationId, version: answer.VersionNumber ?? null },
  });
  return { status: answer.RegistrationVersionStatus ?? "SUBMITTED" };
}
