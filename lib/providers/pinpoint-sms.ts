import "server-only";
import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { config } from "@/lib/config";
import { awsClientConfig, classifyAwsError } from "./aws";
import type { SendOutcome, SmsMessage, SmsProvider } from "./types";

let client: PinpointSMSVoiceV2Client | undefined;
const sms = () => (client ??= new PinpointSMSVoiceV2Client(awsClientConfig(config().AWS_ENDPOINT_URL_SMS)));

// ValidationException and ConflictException reasons that mean this number can never be sent to.
const INVALID_DESTINATION =
  /DESTINATION_PHONE_NUMBER|INVALID_IDENTITY_FOR_DESTINATION_COUNTRY|DESTINATION_COUNTRY_BLOCKED|OPTED_OUT/;

/** Which origination identity to send from: the service's number or sender ID, else the configured pool. */
function originationIdentity(sender: string): string | undefined {
  if (sender === config().DEFAULT_SMS_SENDER && config().SMS_ORIGINATION_IDENTITY)
    return config().SMS_ORIGINATION_IDENTITY;
  return sender;
}

/** AWS End User Messaging SMS (`SendTextMessage`), with our ids in `Context` so events come back to us. */
export function pinpointSmsProvider(): SmsProvider {
  return {
    name: "pinpoint",
    sendRate: async () => config().SMS_MAX_SEND_RATE,
    async sendSms(message: SmsMessage): Promise<SendOutcome> {
      try {
        const result = await sms().send(
          new SendTextMessageCommand({
            DestinationPhoneNumber: message.to,
            OriginationIdentity: originationIdentity(message.sender),
            MessageBody: message.body,
            MessageType: "TRANSACTIONAL",
            Context: { notification_id: message.notificationId, service_id: message.serviceId },
            ...(config().SMS_CONFIGURATION_SET ? { ConfigurationSetName: config().SMS_CONFIGURATION_SET } : {}),
          }),
        );
        if (!result.MessageId) throw new Error("SendTextMessage answered without a MessageId");
        return { providerReference: result.MessageId };
      } catch (error) {
        throw classifyAwsError(error, {
          rejected: ["AccessDeniedException", "ResourceNotFoundException", "ValidationException", "ConflictException"],
          invalidRecipient: (failure) =>
            INVALID_DESTINATION.test(`${failure.reason ?? failure.Reason ?? ""} ${failure.message ?? ""}`),
        });
      }
    },
  };
}
