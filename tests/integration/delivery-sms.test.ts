import { beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { acceptNotification } from "../support/accepted-notifications";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { makeService, makeTemplate } from "../support/factories";
import { waitFor } from "../support/wait";

const delivery = deliveryHarnessForThisFile({
  sms: true,
  env: {
    SMS_CONFIGURATION_SET: "tidings-sms-events",
    SMS_ORIGINATION_IDENTITY: "pool-0123456789abcdef",
    DEFAULT_SMS_SENDER: "Tidings",
  },
  worker: true,
});
let template: Awaited<ReturnType<typeof makeTemplate>>;

beforeAll(async () => {
  template = await makeTemplate((await makeService()).id, { type: "sms" });
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
  const call = delivery.sms.calls.find((entry) => entry.messageId === stored.providerReference);
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
