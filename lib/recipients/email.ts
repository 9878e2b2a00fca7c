import "server-only";
import { domainToASCII } from "node:url";
import { rememberByText } from "@/lib/templates/remember-by-text";

/**
 * GOV.UK Notify's email address rules (notifications-utils `validate_email_address`): a permissive
 * local part, then a real-looking host name whose every label and top-level domain are well formed.
 */
const VALID_LOCAL_CHARS = "a-zA-Z0-9.!#$%&'*+/=?^_`{|}~\\-";
const EMAIL_PATTERN = new RegExp(`^[${VALID_LOCAL_CHARS}]+@([^.@][^@\\s]+)$`);
const HOSTNAME_LABEL = /^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$/i;
const TOP_LEVEL_DOMAIN = /^([a-z]{2,63}|xn--([a-z0-9]+-)*[a-z0-9]+)$/i;
/** A bulk file's rows share a handful of domains: each is converted once. */
const asciiDomain = rememberByText(domainToASCII);
const OBSCURE_WHITESPACE = /[\u180e\u200b\u200c\u200d\u2060\ufeff]/g;

export const INVALID_EMAIL_MESSAGE = "Not a valid email address";

/** The address as it will be sent to, or null when Notify's rules reject it. */
export function validateEmailAddress(raw: string): string | null {
  const email = raw.replace(OBSCURE_WHITESPACE, "").trim();
  const match = EMAIL_PATTERN.exec(email);
  if (!match || email.length > 320 || email.includes("..")) return null;
  const hostname = asciiDomain(match[1]!);
  if (!hostname) return null;
  const labels = hostname.split(".");
  if (hostname.length > 253 || labels.length < 2) return null;
  if (!labels.every((label) => label.length > 0 && label.length <= 63 && HOSTNAME_LABEL.test(label))) return null;
  if (!TOP_LEVEL_DOMAIN.test(labels.at(-1)!)) return null;
  return email;
}

/** The form used for comparisons: guest lists, team members, suppression, searches. */
export function normaliseEmailAddress(email: string): string {
  return email.replace(OBSCURE_WHITESPACE, "").trim().toLowerCase();
}
