import "server-only";
import { config, type Config } from "@/lib/config";

/** What becomes of a send whose worker died (or whose call timed out) before the provider answered. */
export type UnconfirmedSendOutcome = "handed-over-again" | "technical-failure";

/**
 * Providers that report every message they accept by an event: SES when the configuration set's
 * destination publishes Send (SES_SEND_EVENTS), End User Messaging SMS when it publishes text
 * events (SMS_TEXT_EVENTS). For them, no event at all by DELIVERY_RECONCILE_AFTER_MINUTES shows
 * that AWS never had the message, so it is safe to hand it over again; for any other provider the
 * silence proves nothing and the send is settled as a technical failure rather than risk a copy.
 */
export function providersReportingEverySend(settings: Config = config()): string[] {
  return [...(settings.SES_SEND_EVENTS ? ["ses"] : []), ...(settings.SMS_TEXT_EVENTS ? ["pinpoint"] : [])];
}

/** Per channel, what the reconciliation sweep does with a send whose outcome was lost (for /api/health). */
export function unconfirmedSendOutcomes(settings: Config = config()): {
  email: UnconfirmedSendOutcome;
  sms: UnconfirmedSendOutcome;
} {
  const reporting = providersReportingEverySend(settings);
  const outcome = (provider: string) => (reporting.includes(provider) ? "handed-over-again" : "technical-failure");
  return { email: outcome(settings.emailProvider), sms: outcome(settings.smsProvider) };
}
