// With a Route 53 hosted zone the stack also creates the DNS records (one synthesis per file).
import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { readDeploymentSettings } from "./lib/settings";
import { tidingsApp } from "./lib/tidings-app";
import { TidingsStack } from "./lib/tidings-stack";

const stack = new TidingsStack(
  tidingsApp(),
  "Tidings",
  readDeploymentSettings({
    domainName: "notify.example.gov",
    certificateArn: "arn:aws:acm:eu-west-2:111122223333:certificate/example",
    hostedZoneId: "Z0123456789",
    hostedZoneName: "example.gov",
    emailDomain: "mail-from.example.gov",
    image: "111122223333.dkr.ecr.eu-west-2.amazonaws.com/tidings:test",
    multiAz: "false",
  }),
);
const template = Template.fromStack(stack);

describe("the AWS deployment with a hosted zone", () => {
  it("points the domain at the load balancer and publishes the email domain's DKIM, MAIL FROM and receiving records", () => {
    const records = Object.values(template.findResources("AWS::Route53::RecordSet")).map(
      (record) => (record as { Properties: { Type: string; Name: unknown; ResourceRecords?: unknown } }).Properties,
    );
    const ofType = (type: string) => records.filter((record) => record.Type === type);
    expect(ofType("A").map((record) => record.Name)).toEqual(["notify.example.gov."]);
    expect(ofType("CNAME")).toHaveLength(3);
    // MAIL FROM's bounces go to SES's feedback host; mail to the domain itself (the unsubscribe mailbox) to SES's inbound one.
    const mailHost = (record: { ResourceRecords?: unknown }) =>
      /"10 (feedback|inbound)-smtp\./.exec(JSON.stringify(record.ResourceRecords))?.[1];
    expect(ofType("MX").map((record) => [record.Name, mailHost(record)])).toEqual([
      ["mail.mail-from.example.gov.", "feedback"],
      ["mail-from.example.gov.", "inbound"],
    ]);
    expect(ofType("TXT").map((record) => record.Name)).toEqual(["mail.mail-from.example.gov."]);
    template.hasResourceProperties("AWS::SES::EmailIdentity", { EmailIdentity: "mail-from.example.gov" });
    expect(Object.keys(template.findOutputs("*")).filter((name) => name.startsWith("DkimRecord"))).toEqual([]);
  });

  it("runs a single-AZ database when asked", () => {
    template.hasResourceProperties("AWS::RDS::DBInstance", { MultiAZ: false });
  });
});
