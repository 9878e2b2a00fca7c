import "server-only";
import { GetAccountCommand, SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { config } from "@/lib/config";
import { awsClientConfig, classifyAwsError } from "./aws";
import type { EmailMessage, EmailProvider, SendOutcome } from "./types";

let client: SESv2Client | undefined;
const ses = () => (client ??= new SESv2Client(awsClientConfig(config().AWS_ENDPOINT_URL_SES)));

// Errors about this message or this account's setup, not the moment: trying again sends nothing.
const REJECTED = [
  "MessageRejected",
  "MailFromDomainNotVerifiedException",
  "BadRequestException",
  "NotFoundException",
  "AccountSuspendedException",
];

// GetAccount once per ten minutes is plenty: quotas change by support request, not by the second.
let quota: { rate: number; readAt: number } | undefined;

/** Tracked campaigns go through the configuration set that tracks opens and clicks; everything else through the plain one. */
function configurationSet(tracked: boolean): { ConfigurationSetName?: string } {
  const settings = config();
  const name = (tracked ? settings.SES_TRACKING_CONFIGURATION_SET : undefined) ?? settings.SES_CONFIGURATION_SET;
  return name ? { ConfigurationSetName: name } : {};
}

export function sesEmailProvider(): EmailProvider {
  return {
    name: "ses",
    async sendEmail(message: EmailMessage): Promise<SendOutcome> {
      const headers = message.unsubscribeUrl
        ? [
            // RFC 8058 one-click unsubscribe, which Gmail and Yahoo expect of bulk senders, and
            // RFC 2369's mailto for mail programs that unsubscribe by email.
            {
              Name: "List-Unsubscribe",
              Value: [message.unsubscribeUrl, message.listUnsubscribeMailto]
                .flatMap((uri) => (uri ? [`<${uri}>`] : []))
                .join(", "),
            },
            { Name: "List-Unsubscribe-Post", Value: "List-Unsubscribe=One-Click" },
          ]
        : undefined;
      try {
        const result = await ses().send(
          new SendEmailCommand({
            FromEmailAddress: message.from,
            Destination: { ToAddresses: [message.to] },
            ...(message.replyTo ? { ReplyToAddresses: [message.replyTo] } : {}),
            Content: {
              Simple: {
                Subject: { Data: message.subject, Charset: "UTF-8" },
                Body: {
                  Html: { Data: message.html, Charset: "UTF-8" },
                  Text: { Data: message.text, Charset: "UTF-8" },
                },
                ...(headers ? { Headers: headers } : {}),
              },
            },
            // Every event SES publishes for this message carries these tags back to us.
            EmailTags: [
              { Name: "notification_id", Value: message.notificationId },
              { Name: "service_id", Value: message.serviceId },
              ...(message.campaignId ? [{ Name: "campaign_id", Value: message.campaignId }] : []),
            ],
            ...configurationSet(message.tracked),
          }),
        );
        if (!result.MessageId) throw new Error("SES answered without a MessageId");
        return { providerReference: result.MessageId };
      } catch (error) {
        throw classifyAwsError(error, { rejected: REJECTED });
      }
    },
    /** SES_MAX_SEND_RATE if set, otherwise the account's own quota (GetAccount's MaxSendRate). */
    async sendRate(): Promise<number> {
      const override = config().SES_MAX_SEND_RATE;
      if (override) return override;
      if (!quota || Date.now() - quota.readAt > 600_000) {
        const account = await ses().send(new GetAccountCommand({}));
        quota = { rate: account.SendQuota?.MaxSendRate ?? 1, readAt: Date.now() };
      }
      return quota.rate;
    },
  };
}
