import { describe, expect, it } from "vitest";
import { isTrustedCertUrl, isTrustedSubscribeUrl } from "./trusted-urls";

describe("SNS certificate URLs", () => {
  it.each([
    "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem",
    "https://sns.eu-west-2.amazonaws.com/SimpleNotificationService-01d088a6f77103d0fe307c0069e40ed6.pem",
    "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-3250158c6b5c3a7c.pem",
    "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-abc123.pem",
  ])("trusts SNS's own %s", (url) => expect(isTrustedCertUrl(url, [])).toBe(true));

  it.each([
    ["plain HTTP", "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa.pem"],
    [
      "an S3 host the loose regex accepts",
      "https://sns.s3-ap-southeast-2.amazonaws.com/SimpleNotificationService-9c6465fa.pem",
    ],
    ["a look-alike domain", "https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-9c6465fa.pem"],
    ["another AWS service", "https://s3.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa.pem"],
    ["another path", "https://sns.us-east-1.amazonaws.com/attacker/cert.pem"],
    ["a port", "https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-9c6465fa.pem"],
    ["credentials", "https://user@sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa.pem"],
    ["a query", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa.pem?x=1"],
    ["not a URL", "sns.us-east-1.amazonaws.com"],
  ])("refuses %s", (_label, url) => expect(isTrustedCertUrl(url, [])).toBe(false));

  it("trusts configured prefixes, and nothing else because of them", () => {
    expect(isTrustedCertUrl("http://127.0.0.1:4000/certs/test.pem", ["http://127.0.0.1:4000/certs/"])).toBe(true);
    expect(isTrustedCertUrl("http://127.0.0.1:4001/certs/test.pem", ["http://127.0.0.1:4000/certs/"])).toBe(false);
  });
});

describe("SNS SubscribeURLs", () => {
  it("trusts ConfirmSubscription on SNS's hosts only", () => {
    expect(
      isTrustedSubscribeUrl(
        "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1:1:t&Token=abc",
        [],
      ),
    ).toBe(true);
    expect(isTrustedSubscribeUrl("https://sns.us-east-1.amazonaws.com/?Action=Publish", [])).toBe(false);
    expect(isTrustedSubscribeUrl("https://169.254.169.254/?Action=ConfirmSubscription", [])).toBe(false);
    expect(isTrustedSubscribeUrl("http://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription", [])).toBe(false);
  });
});
