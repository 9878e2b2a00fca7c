import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { snsEnvelope, stringToSign } from "./envelope";
import { hasValidSnsSignature } from "./verify-signature";

const FIXTURES = path.join(process.cwd(), "tests", "fixtures", "sns");
const testKey = createPublicKey(readFileSync(path.join(FIXTURES, "test-signing-cert.pem")));
const fixtureNames = readdirSync(FIXTURES).filter((name) => name.endsWith(".json") && !name.startsWith("_"));
const fixture = (name: string) => snsEnvelope.parse(JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")));

describe("SNS signature verification", () => {
  it.each(fixtureNames)("accepts the genuinely signed fixture %s", (name) => {
    expect(hasValidSnsSignature(fixture(name), testKey)).toBe(true);
  });

  it("covers both signature versions and all three message types", () => {
    const envelopes = fixtureNames.map(fixture);
    expect(new Set(envelopes.map((envelope) => envelope.SignatureVersion))).toEqual(new Set(["1", "2"]));
    expect(new Set(envelopes.map((envelope) => envelope.Type))).toEqual(
      new Set(["Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation"]),
    );
  });

  const signedFields = {
    Notification: ["Message", "MessageId", "Subject", "Timestamp", "TopicArn"],
    SubscriptionConfirmation: ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn"],
  } as const;
  it.each([
    ["ses-bounce-permanent.json", signedFields.Notification],
    ["sns-subscription-confirmation.json", signedFields.SubscriptionConfirmation],
    ["sns-unsubscribe-confirmation.json", signedFields.SubscriptionConfirmation],
  ] as const)("refuses %s when any signed field is changed", (name, fields) => {
    for (const field of fields) {
      const tampered = { ...fixture(name), [field]: `${(fixture(name) as Record<string, string>)[field]}x` };
      expect(hasValidSnsSignature(snsEnvelope.parse(tampered), testKey), field).toBe(false);
    }
  });

  it("refuses a message whose Type was changed, and one signed by another key", () => {
    const confirmation = fixture("sns-unsubscribe-confirmation.json");
    expect(
      hasValidSnsSignature(snsEnvelope.parse({ ...confirmation, Type: "SubscriptionConfirmation" }), testKey),
    ).toBe(false);
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
    expect(hasValidSnsSignature(fixture("ses-delivery.json"), otherKey)).toBe(false);
  });

  it("refuses a version 1 signature presented as version 2, and garbage signatures", () => {
    const v1 = fixtureNames.map(fixture).find((envelope) => envelope.SignatureVersion === "1")!;
    expect(hasValidSnsSignature({ ...v1, SignatureVersion: "2" }, testKey)).toBe(false);
    expect(hasValidSnsSignature({ ...v1, Signature: "bm90IGEgc2lnbmF0dXJl" }, testKey)).toBe(false);
    expect(hasValidSnsSignature({ ...v1, Signature: "" }, testKey)).toBe(false);
  });

  it("signs a notification without Subject without the Subject line", () => {
    const { Subject: _subject, ...withoutSubject } = fixture("ses-delivery.json") as Record<string, string>;
    expect(stringToSign(snsEnvelope.parse(withoutSubject))).not.toContain("Subject\n");
    expect(stringToSign(fixture("ses-delivery.json"))).toMatch(
      /^Message\n[\s\S]*\nMessageId\n.*\nSubject\n.*\nTimestamp\n.*\nTopicArn\n.*\nType\nNotification\n$/,
    );
  });
});
