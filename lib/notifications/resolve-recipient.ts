import "server-only";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import type { NotificationType } from "@/lib/generated/prisma/enums";
import { INVALID_EMAIL_MESSAGE, normaliseEmailAddress, validateEmailAddress } from "@/lib/recipients/email";
import { checkPhoneNumber } from "@/lib/recipients/phone";
import type { CountryCode } from "libphonenumber-js/max";
import { simulatedOutcome, simulatedPhoneNumberE164 } from "@/lib/recipients/simulated";

export type ResolvedRecipient = { asGiven: string; normalised: string; international: boolean; simulated: boolean };

/** Validates a recipient and gives the forms that are stored and compared. Errors use Notify's field names. */
export function resolveRecipient(type: NotificationType, raw: string): ResolvedRecipient {
  if (type === "email") {
    const email = validateEmailAddress(raw);
    if (!email)
      throw new AppError("validation", `email_address ${INVALID_EMAIL_MESSAGE}`, {
        email_address: `email_address ${INVALID_EMAIL_MESSAGE}`,
      });
    const normalised = normaliseEmailAddress(email);
    return {
      asGiven: email,
      normalised,
      international: false,
      simulated: simulatedOutcome("email", normalised) !== null,
    };
  }
  const simulated = simulatedPhoneNumberE164(raw);
  if (simulated) return { asGiven: raw.trim(), normalised: simulated, international: false, simulated: true };
  const phone = checkPhoneNumber(raw, config().SMS_HOME_COUNTRY as CountryCode);
  if (!phone.valid)
    throw new AppError("validation", `phone_number ${phone.message}`, {
      phone_number: `phone_number ${phone.message}`,
    });
  return { asGiven: raw.trim(), normalised: phone.e164, international: phone.international, simulated: false };
}
