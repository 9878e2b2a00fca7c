import "server-only";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import type { GuestListRecipientType } from "@/lib/generated/prisma/enums";
import { normaliseEmailAddress, validateEmailAddress } from "@/lib/recipients/email";
import { checkPhoneNumber } from "@/lib/recipients/phone";
import type { CountryCode } from "libphonenumber-js/max";

/**
 * Reads what a team member typed as an email address (it has an @) or a mobile number, in the form
 * the sending rules compare (lib/notifications/allowed-recipients.ts): lower-case email, E.164 number.
 */
export function parseGuestListRecipient(raw: string): { recipientType: GuestListRecipientType; recipient: string } {
  const value = raw.trim();
  if (!value)
    throw new AppError("validation", "Enter an email address or mobile number", {
      recipient: "Enter an email address or mobile number",
    });
  // Letters or an @ mean an email address was meant: a phone number's rules would not help.
  if (/[@\p{L}]/u.test(value)) {
    const email = validateEmailAddress(value);
    if (!email)
      throw new AppError("validation", "Enter an email address in the correct format", {
        recipient: "Enter an email address in the correct format, like name@example.com",
      });
    return { recipientType: "email", recipient: normaliseEmailAddress(email) };
  }
  const phone = checkPhoneNumber(value, config().SMS_HOME_COUNTRY as CountryCode);
  if (!phone.valid) throw new AppError("validation", phone.message, { recipient: phone.message });
  return { recipientType: "mobile", recipient: phone.e164 };
}
