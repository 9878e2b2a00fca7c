import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config, resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { jobRegistry } from "@/workers/registry";
import { startWorker, type RunningWorker } from "@/workers/runtime";
import { acceptNotification } from "../support/accepted-notifications";
import { makeService, makeTemplate } from "../support/factories";
import { startSmsStandIn, type SmsStandIn } from "../support/sms-stand-in";
import { waitFor } from "../support/wait";
import { STAND_IN_AWS } from "../support/aws-stand-in-settings";

let sms: SmsStandIn;
let worker: RunningWorker;
let template: Awaited<ReturnType<typeof makeTemplate>>;

beforeAll(async () => {
  sms = await startSmsStandIn();
  Object.assign(process.env, {
    ...STAND_IN_AWS,
    AWS_ENDPOINT_URL_SMS: sms.url,
    AWS_ENDPOINT_URL_SNS: sms.url,
    SMS_CONFIGURATION_SET: "tidings-sms-events",
    SMS_ORIGINATION_IDENTITY: "pool-0123456789abcdef",
    DEFAULT_SMS_SENDER: "Tidings",
  });
  resetConfig();
  worker = await startWorker({
    databaseUrl: config().DATABASE_URL,
    jobs: jobRegistry,
    heartbeatSeconds: 5,
    shutdownTimeoutSeconds: 5,
  });
  template = await makeTemplate((await makeService()).id, { type: "sms" });
});
afterAll(async () => {
  await worker?.stop();
  await sms?.close();
});

const useProvider = (provider: "pinpoint" | "sns") => {
  process.env.SMS_PROVIDER = provider;
  resetConfig();
};

async function sendAndWait(smsSender: string | null) {
  const notification = await acceptNotification(template, { recipient: "+447700900456", smsSender });
  const stored = await waitFor("the provider's MessageId to be stored", async () => {
    const row = await db.notification.findUniqueOrThrow({ where: { id: notification.id } });
    return row.providerReference ? row : null;
  });
  const call = sms.calls.find((entry) => entry.messageId === stored.providerReference);
  return { notification, stored, call: call! };
}

describe("SMS_PROVIDER=pinpoint (End User Messaging SMS)", () => {
  it("sends from the service's own sender with our ids in Context", async () => {
    useProvider("pinpoint");
    const { notification, stored, call } = await sendAndWait("PARKING");
    expect(call.api).toBe("pinpoint");
    expect(call.request).toMatchObject({
      DestinationPhoneNumber: "+447700900456",
      OriginationIdentity: "PARKING",
      MessageType: "TRANSACTIONAL",
      ConfigurationSetName: "tidings-sms-events",
      Context: { notification_id: notification.id, service_id: template.serviceId },
    });
    expect("MessageBody" in call.request && call.request.MessageBody).toContain("Hi Ada, your code is 123456");
    expect(stored).toMatchObject({ status: "sending", providerName: "pinpoint" });
  });

  it("sends from SMS_ORIGINATION_IDENTITY when the service uses the default sender", async () => {
    useProvider("pinpoint");
    const { call } = await sendAndWait(null);
    expect(call.request).toMatchObject({ OriginationIdentity: "pool-0123456789abcdef" });
  });
});

describe("SMS_PROVIDER=sns (SNS Publish)", () => {
  it("publishes to the phone number as a transactional message from an alphanumeric sender ID", async () => {
    useProvider("sns");
    const { stored, call } = await sendAndWait("PARKING");
    expect(call.api).toBe("sns");
    expect(call.request).toMatchObject({
      PhoneNumber: "+447700900456",
      attributes: { "AWS.SNS.SMS.SMSType": "Transactional", "AWS.SNS.SMS.SenderID": "PARKING" },
    });
    expect("Message" in call.request && call.request.Message).toContain("Hi Ada, your code is 123456");
    expect(stored).toMatchObject({ status: "sending", providerName: "sns" });
  });

  it("sends from an origination number when the sender is a phone number", async () => {
    useProvider("sns");
    const { call } = await sendAndWait("+447700900999");
    expect(call.request).toMatchObject({ attributes: { "AWS.MM.SMS.OriginationNumber": "+447700900999" } });
  });
});
