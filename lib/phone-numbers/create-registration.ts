import "server-only";
import { CreateRegistrationCommand, PutRegistrationFieldValueCommand } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { requirePlatformAdmin, type PlatformWrite } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";
import { callAws } from "./aws-client";
import { REGISTRATION_FIELDS, registrationFieldErrors, type RegistrationType } from "./registration-fields";

export type RegistrationDraft = {
  registrationType: RegistrationType;
  /** Field path → what was typed or chosen. */
  values: Record<string, string>;
  /** Made once per form shown: sending the form again (after fixing a field) fills in the same registration. */
  clientToken: string;
};

/**
 * Creates a registration in AWS (CreateRegistration with the form's ClientToken) and fills in its
 * fields (PutRegistrationFieldValue, one call each). It is left as a draft (CREATED) until it is
 * submitted. A field AWS refuses is reported beside that field; the others are kept, and sending
 * the corrected form again fills in the same registration. Platform admins only, audited.
 */
export async function createPhoneRegistration({
  actor,
  registrationType,
  values,
  clientToken,
}: PlatformWrite<RegistrationDraft>): Promise<{ registrationId: string }> {
  requirePlatformAdmin(actor);
  if (!isUuid(clientToken)) throw new AppError("bad_request", "The form has expired: open it again");
  const mistakes = registrationFieldErrors(registrationType, values);
  if (Object.keys(mistakes).length) throw new AppError("validation", Object.values(mistakes)[0]!, mistakes);
  const created = await callAws((sms) =>
    sms.send(new CreateRegistrationCommand({ RegistrationType: registrationType, ClientToken: clientToken })),
  );
  const registrationId = created.RegistrationId ?? "";
  const refused: Record<string, string> = {};
  for (const field of REGISTRATION_FIELDS[registrationType]) {
    const value = (values[field.path] ?? "").trim();
    if (!value) continue;
    try {
      await callAws((sms) =>
        sms.send(
          new PutRegistrationFieldValueCommand({
            RegistrationId: registrationId,
            FieldPath: field.path,
            ...(field.choices ? { SelectChoices: [value] } : { TextValue: value }),
          }),
        ),
      );
    } catch (error) {
      if (!isAppError(error, "validation")) throw error;
      refused[field.path] = error.message;
    }
  }
  await recordAuditEvent(db, {
    action: "phone_registration.created",
    userId: actor.userId,
    subjectType: "phone_registration",
    details: { registrationId, registrationType, refusedFields: Object.keys(refused) },
  });
  if (Object.keys(refused).length)
    throw new AppError("validation", "AWS did not accept some of the registration's fields", refused);
  return { registrationId };
}
