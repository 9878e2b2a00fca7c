import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snsEnvelope, stringToSign } from "./envelope";

const field = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.integer(), fc.constant(null), fc.jsonValue());
const envelopeLike = fc.record(
  {
    Type: fc.oneof(fc.constantFrom("Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation"), fc.string()),
    MessageId: field,
    TopicArn: field,
    Message: field,
    Timestamp: field,
    SignatureVersion: fc.oneof(fc.constantFrom("1", "2"), field),
    Signature: field,
    SigningCertURL: field,
    Subject: field,
    Token: field,
    SubscribeURL: field,
  },
  { requiredKeys: [] },
);

describe("SNS envelopes, for any JSON", () => {
  it("parse or refuse without throwing, and give the signed string of what they kept", () => {
    fc.assert(
      fc.property(fc.oneof(envelopeLike, fc.jsonValue()), (json) => {
        const parsed = snsEnvelope.safeParse(json);
        if (!parsed.success) return;
        const signed = stringToSign(parsed.data);
        expect(signed.startsWith("Message\n")).toBe(true);
        expect(signed).toContain(`\nType\n${parsed.data.Type}\n`);
        expect(stringToSign(parsed.data)).toBe(signed);
      }),
      { numRuns: 500 },
    );
  });

  it("sign a different string when any signed field changes", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string({ minLength: 1 }), (message, subject, extra) => {
        const envelope = snsEnvelope.parse({
          Type: "Notification",
          MessageId: "m-1",
          TopicArn: "arn:aws:sns:eu-west-2:123456789012:t",
          Message: message,
          Subject: subject,
          Timestamp: "2026-12-01T00:00:00.000Z",
          SignatureVersion: "2",
          Signature: "x",
          SigningCertURL: "https://sns.eu-west-2.amazonaws.com/c.pem",
        });
        expect(stringToSign({ ...envelope, Message: message + extra })).not.toBe(stringToSign(envelope));
      }),
    );
  });
});
