import "server-only";
import type { NotificationType } from "@/lib/generated/prisma/enums";

/** What the simulated provider reports; `complained`: delivered, then reported as spam. */
export type SimulatedOutcome = "delivered" | "complained" | "temporary_failure" | "permanent_failure";

/**
 * GOV.UK Notify's smoke-test recipients. Messages to them are accepted and stored like any other
 * but never reach a provider; the simulated provider reports the outcome below as the provider's
 * own events would. Test keys use the same table, with "delivered" for anyone else.
 */
const SIMULATED_EMAILS: Record<string, SimulatedOutcome> = {
  "simulate-delivered@notifications.service.gov.uk": "delivered",
  "simulate-delivered-2@notifications.service.gov.uk": "delivered",
  "simulate-delivered-3@notifications.service.gov.uk": "delivered",
  "temp-fail@simulator.notify": "temporary_failure",
  "perm-fail@simulator.notify": "permanent_failure",
  // Tidings' own, so that complaint handling can be seen without AWS.
  "complaint@simulator.notify": "complained",
};

// Ofcom's drama range: never anyone's phone. Stored as E.164.
const SIMULATED_PHONE_NUMBERS: Record<string, SimulatedOutcome> = {
  "+447700900000": "delivered",
  "+447700900111": "delivered",
  "+447700900222": "delivered",
  "+447700900003": "temporary_failure",
  "+447700900002": "permanent_failure",
};

// Maps: an object looked up by a million different addresses (a bulk file's check) is slow to ask.
const SIMULATED: Record<NotificationType, Map<string, SimulatedOutcome>> = {
  email: new Map(Object.entries(SIMULATED_EMAILS)),
  sms: new Map(Object.entries(SIMULATED_PHONE_NUMBERS)),
};

/** For UK-style input like "07700 900111" before it is validated. */
export function simulatedPhoneNumberE164(raw: string): string | null {
  const digits = raw.replace(/[\s()\-.]/g, "");
  const e164 = digits.startsWith("+44")
    ? digits
    : digits.startsWith("0044")
      ? `+${digits.slice(2)}`
      : digits.startsWith("0")
        ? `+44${digits.slice(1)}`
        : null;
  return e164 && SIMULATED.sms.has(e164) ? e164 : null;
}

export function simulatedOutcome(type: NotificationType, normalisedRecipient: string): SimulatedOutcome | null {
  return SIMULATED[type].get(normalisedRecipient) ?? null;
}

export const SIMULATED_RECIPIENTS: Record<NotificationType, string[]> = {
  email: Object.keys(SIMULATED_EMAILS),
  sms: Object.keys(SIMULATED_PHONE_NUMBERS),
};
