import "server-only";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { cachedSetting } from "@/lib/cache/settings-cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

const PHONE_NUMBER = /^\+[1-9]\d{6,14}$/;

/**
 * Refuses a text that the sender's number cannot send: one of the account's numbers without the
 * SMS capability, or a recipient in another country when the number's international sending is off.
 * Senders that are not the account's numbers (sender IDs, numbers elsewhere) pass.
 */
export async function checkSenderCanText(sender: string, recipient: string): Promise<void> {
  if (!PHONE_NUMBER.test(sender)) return;
  const number = await cachedSetting(`phone-number:${sender}`, () =>
    db.phoneNumber.findFirst({
      where: { number: sender, releasedAt: null },
      select: { capabilities: true, isoCountryCode: true, internationalSending: true },
    }),
  );
  if (!number) return;
  if (!number.capabilities.includes("SMS"))
    throw new AppError(
      "bad_request",
      `The text message sender ${sender} cannot send text messages: it is a ${number.capabilities.join(" and ").toLowerCase()} number`,
    );
  const country = parsePhoneNumberFromString(recipient)?.country;
  if (!number.internationalSending && country && country !== number.isoCountryCode)
    throw new AppError(
      "bad_request",
      `The text message sender ${sender} can only send to phone numbers in ${number.isoCountryCode}: international sending is off for it`,
    );
}
