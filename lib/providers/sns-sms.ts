import "server-only";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { config } from "@/lib/config";
import { awsClientConfig, classifyAwsError } from "./aws";
import type { SendOutcome, SmsMessage, SmsProvider } from "./types";

let client: SNSClient | undefined;
const sns = () => (client ??= new SNSClient(awsClientConfig(config().AWS_ENDPOINT_URL_SNS)));

/**
 * SNS `Publish` to a phone number: the alternative to End User Messaging SMS (SMS_PROVIDER=sns).
 * Its delivery receipts go to CloudWatch Logs rather than to a topic, so statuses stop at `sending`.
 */
export function snsSmsProvider(): SmsProvider {
  return {
    name: "sns",
    sendRate: async () => config().SMS_MAX_SEND_RATE,
    async sendSms(message: SmsMessage): Promise<SendOutcome> {
      const numberSender = /^\+?\d{5,15}$/.test(message.sender);
      try {
        const result = await sns().send(
          new PublishCommand({
            PhoneNumber: message.to,
            Message: message.body,
            MessageAttributes: {
              "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
              ...(numberSender
                ? { "AWS.MM.SMS.OriginationNumber": { DataType: "String", StringValue: message.sender } }
                : { "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: message.sender } }),
            },
          }),
        );
        if (!result.MessageId) throw new Error("SNS answered without a MessageId");
        return { providerReference: result.MessageId };
      } catch (error) {
        throw classifyAwsError(error, {
          rejected: ["AuthorizationErrorException", "KMSAccessDeniedException"],
          invalidRecipient: (failure) =>
            failure.name === "OptedOutException" ||
            (failure.name === "InvalidParameterException" && /phone/i.test(failure.message ?? "")),
        });
      }
    },
  };
}
