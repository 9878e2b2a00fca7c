import "server-only";
/** What sending a message needs to know of its service: limits, trial mode, sender settings. */
export const SENDING_SERVICE_FIELDS = {
  id: true,
  name: true,
  active: true,
  trialMode: true,
  rateLimit: true,
  emailMessageLimit: true,
  smsMessageLimit: true,
  canSendInternationalSms: true,
  prefixSms: true,
  emailSenderLocalPart: true,
} as const;

export type SendingService = {
  id: string;
  name: string;
  active: boolean;
  trialMode: boolean;
  rateLimit: number;
  emailMessageLimit: number;
  smsMessageLimit: number;
  canSendInternationalSms: boolean;
  prefixSms: boolean;
  emailSenderLocalPart: string;
};
