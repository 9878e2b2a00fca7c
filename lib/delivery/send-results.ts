import "server-only";
import { ProviderError, type EmailProvider, type SendOutcome, type SmsProvider } from "@/lib/providers/types";
import { emailMessageOf, smsMessageOf, type SendableNotification } from "./sendable-notifications";

/** What became of one send, in a form that crosses threads: the provider's answer, or how it refused. */
export type SendResult =
  { sent: true; outcome: SendOutcome } | { sent: false; kind: ProviderError["kind"]; message: string; code?: string };

/** Sends each notification to its provider, all at once, and says what became of each. */
export function sendAll(
  provider: EmailProvider | SmsProvider,
  notifications: SendableNotification[],
): Promise<SendResult[]> {
  return Promise.all(
    notifications.map(async (notification): Promise<SendResult> => {
      try {
        const outcome =
          "sendEmail" in provider
            ? await provider.sendEmail(emailMessageOf(notification))
            : await provider.sendSms(smsMessageOf(notification));
        return { sent: true, outcome };
      } catch (error) {
        const failure =
          error instanceof ProviderError
            ? error
            : new ProviderError("retryable", error instanceof Error ? error.message : String(error));
        return {
          sent: false,
          kind: failure.kind,
          message: failure.message,
          ...(failure.code ? { code: failure.code } : {}),
        };
      }
    }),
  );
}
