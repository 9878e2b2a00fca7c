import "server-only";
import { PinpointSMSVoiceV2Client } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { phoneNumberAwsError } from "./aws-errors";

let client: PinpointSMSVoiceV2Client | undefined;
let clientEndpoint: string | undefined;

/** Whether Tidings talks to End User Messaging SMS about numbers: an AWS account, or the local stand-in. */
export function phoneNumbersConfigured(): boolean {
  return Boolean(config().AWS_REGION || config().AWS_ENDPOINT_URL_SMS);
}

/**
 * The End User Messaging SMS client for managing numbers and opt-out lists. Unlike sending (no
 * idempotency token, one attempt), these calls are safe to repeat — RequestPhoneNumber carries a
 * ClientToken — so the SDK retries throttling and AWS's own failures, with backoff.
 */
function numbersClient(): PinpointSMSVoiceV2Client {
  const endpoint = config().AWS_ENDPOINT_URL_SMS;
  if (!client || clientEndpoint !== endpoint) {
    client = new PinpointSMSVoiceV2Client({
      region: config().AWS_REGION ?? "us-east-1",
      maxAttempts: 4,
      requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000 },
      ...(endpoint ? { endpoint } : {}),
    });
    clientEndpoint = endpoint;
  }
  return client;
}

/** Makes one call; every AWS failure becomes an AppError with a message for people. */
export async function callAws<T>(call: (sms: PinpointSMSVoiceV2Client) => Promise<T>): Promise<T> {
  if (!phoneNumbersConfigured())
    throw new AppError(
      "conflict",
      "AWS End User Messaging SMS is not configured: set AWS_REGION (or AWS_ENDPOINT_URL_SMS for a stand-in).",
    );
  try {
    return await call(numbersClient());
  } catch (error) {
    throw phoneNumberAwsError(error);
  }
}
