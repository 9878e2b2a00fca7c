import "server-only";
import { getCountryCallingCode, parsePhoneNumberWithError, ParseError, type CountryCode } from "libphonenumber-js/max";

export type PhoneNumberCheck =
  | { valid: true; e164: string; country: CountryCode | undefined; international: boolean }
  | { valid: false; message: string };

const UK_DRAMA_MOBILES = /^7700900\d{3}$/;

const ALLOWED_CHARACTERS = /^[\d\s()+\-.]+$/;

const PARSE_ERRORS: Record<string, string> = {
  TOO_SHORT: "Mobile number is too short",
  TOO_LONG: "Mobile number is too long",
  INVALID_COUNTRY: "Country code not found - double check the mobile number you entered",
  NOT_A_NUMBER: "Not a valid mobile number",
  INVALID_LENGTH: "Not a valid mobile number",
};

/**
 * Validates and normalises a mobile number to E.164 with libphonenumber. Numbers without a country
 * code are read as `homeCountry`'s; those must be mobiles. A number elsewhere is "international":
 * whether the service may send to it is decided by the caller.
 */
export function checkPhoneNumber(raw: string, homeCountry: CountryCode): PhoneNumberCheck {
  const trimmed = raw.trim();
  if (!ALLOWED_CHARACTERS.test(trimmed))
    return { valid: false, message: "Mobile numbers can only include: 0 1 2 3 4 5 6 7 8 9 ( ) + -" };
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(trimmed.replace(/^00/, "+"), homeCountry);
  } catch (error) {
    return {
      valid: false,
      message: (error instanceof ParseError && PARSE_ERRORS[error.message]) || "Not a valid mobile number",
    };
  }
  // Same calling code counts as home, so Jersey or Guernsey mobiles are not "international" for GB.
  const home = parsed.countryCallingCode === getCountryCallingCode(homeCountry);
  // Ofcom keeps 07700 900000–900999 for drama: libphonenumber calls them invalid, Notify accepts
  // them as mobiles and every UK test suite sends to them.
  if (parsed.countryCallingCode === "44" && UK_DRAMA_MOBILES.test(parsed.nationalNumber))
    return { valid: true, e164: parsed.number, country: "GB", international: !home };
  const notHomeMobile = homeCountry === "GB" ? "Not a UK mobile number" : "Not a valid mobile number";
  if (!parsed.isValid()) return { valid: false, message: home ? notHomeMobile : "Not a valid mobile number" };
  const type = parsed.getType();
  if (home && type !== "MOBILE" && type !== "FIXED_LINE_OR_MOBILE") return { valid: false, message: notHomeMobile };
  return { valid: true, e164: parsed.number, country: parsed.country, international: !home };
}
