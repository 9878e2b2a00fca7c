import "server-only";
import { z } from "zod";

const signedBase = {
  MessageId: z.string().min(1).max(100),
  TopicArn: z.string().min(1).max(1024),
  Message: z.string(),
  Timestamp: z.string().min(1).max(64),
  SignatureVersion: z.enum(["1", "2"]),
  Signature: z.string().min(1).max(4096),
  SigningCertURL: z.string().min(1).max(2048),
};

const notification = z.object({
  ...signedBase,
  Type: z.literal("Notification"),
  Subject: z.string().optional(),
  UnsubscribeURL: z.string().optional(),
});
const confirmation = z.object({
  ...signedBase,
  Type: z.enum(["SubscriptionConfirmation", "UnsubscribeConfirmation"]),
  Token: z.string().min(1).max(2048),
  SubscribeURL: z.string().min(1).max(4096),
});

/** An SNS message as POSTed to an HTTPS subscriber. Fields SNS does not sign (MessageAttributes) are dropped. */
export const snsEnvelope = z.discriminatedUnion("Type", [notification, confirmation]);
export type SnsEnvelope = z.infer<typeof snsEnvelope>;

// The fields SNS signs, in the order it signs them (AWS: "Verifying the signatures of Amazon SNS messages").
const SIGNED_FIELDS = {
  Notification: ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"],
  SubscriptionConfirmation: ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"],
  UnsubscribeConfirmation: ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"],
} as const;

/** The string SNS signed: `name\nvalue\n` for each signed field present, in AWS's order. */
export function stringToSign(envelope: SnsEnvelope): string {
  const fields = envelope as Record<string, string | undefined>;
  return SIGNED_FIELDS[envelope.Type]
    .map((name) => (fields[name] === undefined ? "" : `${name}\n${fields[name]}\n`))
    .join("");
}
