import "server-only";
/** What the worker hands a provider. Ids travel with every message so events can be matched back. */
export type EmailMessage = {
  notificationId: string;
  serviceId: string;
  /** The campaign it belongs to, if any: tagged, so its events can be told apart. */
  campaignId: string | null;
  /** Opens and clicks tracked (a campaign that chose to): sent with SES_TRACKING_CONFIGURATION_SET. */
  tracked: boolean;
  /** `"Service name" <local@domain>` */
  from: string;
  to: string;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  unsubscribeUrl: string | null;
  /** RFC 2369's mailto alternative to the one-click link, when Tidings receives unsubscribe emails. */
  listUnsubscribeMailto: string | null;
};

export type SmsMessage = {
  notificationId: string;
  serviceId: string;
  to: string;
  /** A phone number, pool or sender ID to send from. */
  sender: string;
  body: string;
};

export type SendOutcome = {
  providerReference: string;
  /** SMS providers can say a message is only queued (`pending`); the default is `sending`. */
  status?: "sending" | "pending";
};

/**
 * How a provider refused. `throttled` and `retryable` are tried again later; `rejected` (the message
 * itself is unacceptable) ends in technical-failure, `invalid-recipient` in permanent-failure.
 * `uncertain` means the provider may have accepted it (a timeout): it is never retried blindly.
 */
export type ProviderFailureKind = "throttled" | "retryable" | "rejected" | "invalid-recipient" | "uncertain";

export class ProviderError extends Error {
  override name = "ProviderError";

  constructor(
    readonly kind: ProviderFailureKind,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

type Provider = {
  readonly name: string;
  /** Messages per second the account may send, across every worker; null for no limit. */
  sendRate(): Promise<number | null>;
};

export interface EmailProvider extends Provider {
  sendEmail(message: EmailMessage): Promise<SendOutcome>;
}

export interface SmsProvider extends Provider {
  sendSms(message: SmsMessage): Promise<SendOutcome>;
}
