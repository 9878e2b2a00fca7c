import { OPERATOR } from "@/lib/permissions";
import { generateKeyPairSync, createSign, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config";
import { stringToSign } from "@/lib/sns/envelope";
import { db } from "@/lib/db";
import { applyStoredEvents } from "@/lib/sns/apply-stored-events";
import { apiServerForThisFile, failureOf } from "../support/api-harness";
import { makeApiKey, makeService, makeTemplate } from "../support/factories";
import { makeSentNotification } from "../support/notifications";
import {
  fixtureEvent,
  resignedFixture,
  signEnvelope,
  snsFixture,
  startCertificateServer,
  type Envelope,
} from "../support/sns-messages";

type SesFixtureEvent = { eventType?: string; mail: { messageId: string; tags?: Record<string, string[]> } } & Record<
  string,
  unknown
>;

const SES_TOPIC = "arn:aws:sns:us-east-1:123456789012:tidings-ses-events";
let certificates: Awaited<ReturnType<typeof startCertificateServer>>;
const api = apiServerForThisFile();

let service: Awaited<ReturnType<typeof makeService>>;
let emailTemplate: Awaited<ReturnType<typeof makeTemplate>>;
let smsTemplate: Awaited<ReturnType<typeof makeTemplate>>;

beforeAll(async () => {
  certificates = await startCertificateServer();
  process.env.SNS_TRUSTED_CERT_URL_PREFIXES = certificates.prefix;
  process.env.SNS_ALLOWED_TOPIC_ARNS = [
    SES_TOPIC,
    "arn:aws:sns:us-east-1:123456789012:tidings-sms-events",
    "arn:aws:sns:us-east-1:123456789012:tidings-sms-inbound",
  ].join(",");
  resetConfig();
  service = await makeService({ trialMode: false });
  await db.service.update({ where: { id: service.id }, data: { emailMessageLimit: 1000, smsMessageLimit: 1000 } });
  emailTemplate = await makeTemplate(service.id, { type: "email" });
  smsTemplate = await makeTemplate(service.id, { type: "sms" });
});
afterAll(async () => {
  await certificates.close();
});

/** Posts to a webhook, then lets the worker's applier apply whatever the webhook stored. */
async function post(path: string, body: Envelope | string): Promise<{ status: number; message: string }> {
  const response = await fetch(`${api.url()}${path}`, {
    method: "POST",
    headers: { "Content-Type": "text/plain; charset=UTF-8" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  while ((await applyStoredEvents()) > 0);
  return { status: response.status, message: ((await response.json()) as { message: string }).message };
}

/** An SES fixture rewritten to be about this notification, signed again. */
function sesMessage(
  fixture: string,
  notification: { id: string; serviceId: string; providerReference: string | null },
  change: (event: SesFixtureEvent) => void = () => {},
): Envelope {
  const event = fixtureEvent<SesFixtureEvent>(fixture);
  event.mail.messageId = notification.providerReference!;
  if (event.mail.tags)
    event.mail.tags = { ...event.mail.tags, notification_id: [notification.id], service_id: [notification.serviceId] };
  change(event);
  return resignedFixture(fixture, certificates.certificateUrl, event);
}

const statusOf = async (id: string) => (await db.notification.findUniqueOrThrow({ where: { id } })).status;
const suppressionsOf = (recipient: string) =>
  db.suppressionEntry.findMany({ where: { serviceId: service.id, recipient } });

describe("SES events", () => {
  it("moves a notification to delivered, stores the raw event, and ignores the same message again", async () => {
    const notification = await makeSentNotification(service, emailTemplate);
    const message = sesMessage("ses-delivery", notification);
    expect(await post("/api/webhooks/ses", message)).toEqual({ status: 200, message: "stored" });
    expect(await statusOf(notification.id)).toBe("delivered");
    expect(await post("/api/webhooks/ses", message)).toEqual({ status: 200, message: "duplicate" });
    const events = await db.providerEvent.findMany({ where: { notificationId: notification.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      source: "ses",
      eventType: "Delivery",
      serviceId: service.id,
      snsMessageId: message.MessageId,
    });
    expect(
      await db.notificationStatusChange.count({ where: { notificationId: notification.id, toStatus: "delivered" } }),
    ).toBe(1);
  });

  it("keeps a permanent bounce when a late Delivery arrives, and suppresses the recipient with the reason", async () => {
    const notification = await makeSentNotification(service, emailTemplate, { recipient: "Gone@Example.com" });
    await post(
      "/api/webhooks/ses",
      sesMessage("ses-bounce-permanent", notification, (event) => {
        (event.bounce as { bouncedRecipients: { emailAddress: string }[] }).bouncedRecipients[0]!.emailAddress =
          "Gone@Example.com";
      }),
    );
    expect(await post("/api/webhooks/ses", sesMessage("ses-delivery", notification))).toEqual({
      status: 200,
      message: "stored",
    });
    expect(await post("/api/webhooks/ses", sesMessage("ses-send", notification))).toMatchObject({ status: 200 });
    expect(await statusOf(notification.id)).toBe("permanent_failure");
    expect(await suppressionsOf("gone@example.com")).toEqual([
      expect.objectContaining({
        reason: "bounce",
        bounceSubType: "General",
        diagnosticCode: "smtp; 550 5.1.1 user unknown",
        notificationId: notification.id,
      }),
    ]);
  });

  it("does not take a delivered notification back with a late Send", async () => {
    const notification = await makeSentNotification(service, emailTemplate);
    await post("/api/webhooks/ses", sesMessage("ses-delivery", notification));
    await post("/api/webhooks/ses", sesMessage("ses-send", notification));
    expect(await statusOf(notification.id)).toBe("delivered");
  });

  it("learns SES's message id from a Send event for a send whose worker died before storing it", async () => {
    const notification = await makeSentNotification(service, emailTemplate);
    await db.notification.update({ where: { id: notification.id }, data: { providerReference: null } });
    await post(
      "/api/webhooks/ses",
      sesMessage("ses-send", { ...notification, providerReference: "0100019a-learnt-from-send" }),
    );
    expect(await db.notification.findUniqueOrThrow({ where: { id: notification.id } })).toMatchObject({
      status: "sending",
      providerReference: "0100019a-learnt-from-send",
    });
  });

  it("marks a transient bounce as a temporary failure without suppressing", async () => {
    const notification = await makeSentNotification(service, emailTemplate);
    await post("/api/webhooks/ses", sesMessage("ses-bounce-transient", notification));
    expect(await statusOf(notification.id)).toBe("temporary_failure");
    expect(await suppressionsOf(notification.normalisedRecipient)).toEqual([]);
  });

  it("stores a complaint, suppresses the recipient and queues the complaint callback", async () => {
    await db.serviceCallbackApi.upsert({
      where: { serviceId_callbackType: { serviceId: service.id, callbackType: "complaint" } },
      create: {
        serviceId: service.id,
        callbackType: "complaint",
        url: "https://callbacks.example.gov/complaints",
        bearerTokenEncrypted: "unused-in-this-test",
      },
      update: {},
    });
    const notification = await makeSentNotification(service, emailTemplate, { status: "delivered" });
    const message = sesMessage("ses-complaint", notification, (event) => {
      (event.complaint as { complainedRecipients: { emailAddress: string }[] }).complainedRecipients = [
        { emailAddress: notification.recipient },
      ];
    });
    await post("/api/webhooks/ses", message);
    await post("/api/webhooks/ses", message);
    const complaints = await db.complaint.findMany({ where: { notificationId: notification.id } });
    expect(complaints).toHaveLength(1);
    expect(complaints[0]!.emailAddress).toBe(notification.recipient);
    expect(await suppressionsOf(notification.recipient)).toEqual([expect.objectContaining({ reason: "complaint" })]);
    expect(await statusOf(notification.id)).toBe("delivered");
    const callbacks = await db.$queryRaw<
      { count: bigint }[]
    >`SELECT count(*) FROM pgboss.job WHERE name = 'send-callback' AND data->>'subjectId' = ${complaints[0]!.id}`;
    expect(Number(callbacks[0]!.count)).toBe(1);
  });

  it.each([["ses-reject"], ["ses-rendering-failure"]])("marks %s as a technical failure", async (fixture) => {
    const notification = await makeSentNotification(service, emailTemplate);
    await post("/api/webhooks/ses", sesMessage(fixture, notification));
    expect(await statusOf(notification.id)).toBe("technical_failure");
  });

  it("records opens and clicks, keeping the earliest open whatever the order", async () => {
    const notification = await makeSentNotification(service, emailTemplate, { status: "delivered" });
    await post(
      "/api/webhooks/ses",
      sesMessage(
        "ses-open",
        notification,
        (event) => void ((event.open as { timestamp: string }).timestamp = "2026-11-20T12:00:00.000Z"),
      ),
    );
    await post(
      "/api/webhooks/ses",
      sesMessage(
        "ses-open",
        notification,
        (event) => void ((event.open as { timestamp: string }).timestamp = "2026-11-20T11:00:00.000Z"),
      ),
    );
    await post("/api/webhooks/ses", sesMessage("ses-click", notification));
    const engagement = await db.notificationEngagement.findUniqueOrThrow({
      where: { notificationId: notification.id },
    });
    expect(engagement).toMatchObject({
      openCount: 2,
      clickCount: 1,
      firstOpenedAt: new Date("2026-11-20T11:00:00.000Z"),
    });
    expect(engagement.lastClickedLink).toMatch(/^https:\/\//);
  });

  it("records delivery delays and subscription events without changing the status", async () => {
    const notification = await makeSentNotification(service, emailTemplate);
    await post("/api/webhooks/ses", sesMessage("ses-delivery-delay", notification));
    await post("/api/webhooks/ses", sesMessage("ses-subscription", notification));
    expect(await statusOf(notification.id)).toBe("sending");
    expect(
      (await db.providerEvent.findMany({ where: { notificationId: notification.id } }))
        .map((event) => event.eventType)
        .sort(),
    ).toEqual(["DeliveryDelay", "Subscription"]);
  });

  it("matches an older identity notification, which has no tags, by SES's message id", async () => {
    const notification = await makeSentNotification(service, emailTemplate);
    await post("/api/webhooks/ses", sesMessage("ses-legacy-bounce", notification));
    expect(await statusOf(notification.id)).toBe("permanent_failure");
  });

  it("does not trust an event whose service_id tag is another service's", async () => {
    const notification = await makeSentNotification(service, emailTemplate);
    expect(
      await post(
        "/api/webhooks/ses",
        sesMessage("ses-delivery", notification, (event) => void (event.mail.tags!.service_id = [randomUUID()])),
      ),
    ).toEqual({ status: 200, message: "stored" });
    expect(await statusOf(notification.id)).toBe("sending");
  });
});

describe("refusing what SNS did not send", () => {
  let notification: Awaited<ReturnType<typeof makeSentNotification>>;
  beforeAll(async () => {
    notification = await makeSentNotification(service, emailTemplate);
  });

  const refusedWithNothingChanged = async (body: Envelope | string, status: number) => {
    expect((await post("/api/webhooks/ses", body)).status).toBe(status);
    expect(await statusOf(notification.id)).toBe("sending");
    expect(await db.providerEvent.count({ where: { notificationId: notification.id } })).toBe(0);
  };

  it("refuses a message whose body was changed after signing", async () => {
    const genuine = sesMessage("ses-delivery", notification);
    await refusedWithNothingChanged({ ...genuine, Message: genuine.Message.replace("Delivery", "Bounce") }, 403);
    await refusedWithNothingChanged({ ...genuine, TopicArn: `${SES_TOPIC}-other` }, 403);
  });

  it("refuses a message signed with another key", async () => {
    const forged = sesMessage("ses-delivery", notification);
    const signer = createSign("RSA-SHA256");
    signer.update(stringToSign(forged));
    await refusedWithNothingChanged(
      { ...forged, Signature: signer.sign(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey, "base64") },
      403,
    );
  });

  it("refuses certificates from hosts that are not SNS's, and over plain HTTP", async () => {
    const genuine = sesMessage("ses-delivery", notification);
    await refusedWithNothingChanged(
      signEnvelope(genuine, "https://sns.us-east-1.amazonaws.com.attacker.example/SimpleNotificationService-1.pem"),
      403,
    );
    await refusedWithNothingChanged(
      signEnvelope(genuine, "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem"),
      403,
    );
    await refusedWithNothingChanged(
      signEnvelope(genuine, certificates.certificateUrl.replace("127.0.0.1", "localhost")),
      403,
    );
  });

  it("refuses a topic it was not told to accept, even when genuinely signed", async () => {
    await refusedWithNothingChanged(
      signEnvelope(
        { ...sesMessage("ses-delivery", notification), TopicArn: "arn:aws:sns:us-east-1:999999999999:someone-else" },
        certificates.certificateUrl,
      ),
      403,
    );
  });

  it("refuses unsigned messages with 403 and malformed bodies with 400", async () => {
    const { Signature: _signature, ...unsigned } = sesMessage("ses-delivery", notification);
    await refusedWithNothingChanged(unsigned as Envelope, 403);
    await refusedWithNothingChanged("{not json", 400);
    await refusedWithNothingChanged("[]", 400);
    await refusedWithNothingChanged(
      JSON.stringify({ Type: "Notification", Signature: "x", SigningCertURL: certificates.certificateUrl }),
      400,
    );
    await refusedWithNothingChanged(
      signEnvelope({ ...sesMessage("ses-delivery", notification), Message: "not json" }, certificates.certificateUrl),
      400,
    );
  });

  it("refuses a certificate larger than any real one without reading all of it", async () => {
    const { signingKeyAt } = await import("@/lib/sns/certificates");
    const huge = http.createServer((_request, response) => response.end("-".repeat(64 * 1024)));
    await new Promise<void>((resolve) => huge.listen(0, "127.0.0.1", resolve));
    try {
      await expect(signingKeyAt(`http://127.0.0.1:${(huge.address() as AddressInfo).port}/huge.pem`)).rejects.toThrow(
        /too large/,
      );
    } finally {
      await new Promise((resolve) => huge.close(resolve));
    }
  });

  it("fetches each certificate once", async () => {
    const before = certificates.certificateRequests();
    await post("/api/webhooks/ses", sesMessage("ses-delivery-delay", notification));
    await post("/api/webhooks/ses", sesMessage("ses-delivery-delay", notification));
    expect(certificates.certificateRequests() - before).toBe(0);
  });
});

describe("subscriptions", () => {
  const confirmation = (topicArn: string) => {
    const fixture = snsFixture("sns-subscription-confirmation");
    return signEnvelope(
      {
        ...fixture,
        TopicArn: topicArn,
        SubscribeURL: `${certificates.prefix}confirm?Action=ConfirmSubscription&TopicArn=${topicArn}&Token=${fixture.Token as string}`,
      },
      certificates.certificateUrl,
    );
  };

  it("confirms a subscription of an allowed topic by visiting its SubscribeURL", async () => {
    expect(await post("/api/webhooks/ses", confirmation(SES_TOPIC))).toEqual({
      status: 200,
      message: "Subscription confirmed",
    });
    expect(certificates.confirmations.at(-1)).toContain(`TopicArn=${SES_TOPIC}`);
  });

  it("does not confirm an unknown topic, nor visit a SubscribeURL that is not SNS's", async () => {
    const before = certificates.confirmations.length;
    expect((await post("/api/webhooks/ses", confirmation("arn:aws:sns:us-east-1:999999999999:other"))).status).toBe(
      403,
    );
    const elsewhere = signEnvelope(
      {
        ...snsFixture("sns-subscription-confirmation"),
        SubscribeURL: "https://169.254.169.254/latest/meta-data/?Action=ConfirmSubscription",
      },
      certificates.certificateUrl,
    );
    expect((await post("/api/webhooks/ses", elsewhere)).status).toBe(403);
    expect(certificates.confirmations.length).toBe(before);
  });

  it("acknowledges an unsubscribe confirmation", async () => {
    expect(
      (
        await post(
          "/api/webhooks/ses",
          signEnvelope(snsFixture("sns-unsubscribe-confirmation"), certificates.certificateUrl),
        )
      ).status,
    ).toBe(200);
  });
});

describe("SMS events", () => {
  const smsMessage = (fixture: string, change: (event: Record<string, unknown>) => void) => {
    const event = fixtureEvent(fixture);
    change(event);
    return resignedFixture(fixture, certificates.certificateUrl, event);
  };

  it("marks a text delivered, matched by the notification id in its context", async () => {
    const notification = await makeSentNotification(service, smsTemplate);
    await post(
      "/api/webhooks/sms",
      smsMessage(
        "sms-event-delivered",
        (event) => void (event.context = { notification_id: notification.id, service_id: service.id }),
      ),
    );
    expect(await statusOf(notification.id)).toBe("delivered");
  });

  it("matches by AWS's message id when there is no context, and maps carrier failures", async () => {
    const notification = await makeSentNotification(service, smsTemplate);
    await post(
      "/api/webhooks/sms",
      smsMessage("sms-event-delivered", (event) => {
        delete event.context;
        event.messageId = notification.providerReference;
        event.eventType = "TEXT_CARRIER_UNREACHABLE";
      }),
    );
    expect(await statusOf(notification.id)).toBe("temporary_failure");
  });

  it("marks a blocked text as a permanent failure", async () => {
    const notification = await makeSentNotification(service, smsTemplate);
    await post(
      "/api/webhooks/sms",
      smsMessage("sms-event-successful", (event) => {
        event.context = { notification_id: notification.id };
        event.eventType = "TEXT_BLOCKED";
      }),
    );
    expect(await statusOf(notification.id)).toBe("permanent_failure");
  });
});

describe("inbound texts and opt-outs", () => {
  const SERVICE_NUMBER = "+18445550142";
  const PERSON = "+14255550198";
  let apiKey: string;
  const inbound = (body: string) =>
    resignedFixture("sms-inbound", certificates.certificateUrl, {
      ...fixtureEvent<Record<string, unknown>>("sms-inbound"),
      messageBody: body,
      inboundMessageId: randomUUID(),
    });

  beforeAll(async () => {
    await db.inboundNumber.create({ data: { number: SERVICE_NUMBER, serviceId: service.id } });
    await db.service.update({ where: { id: service.id }, data: { canSendInternationalSms: true } });
    apiKey = (await makeApiKey(service.id, "normal")).key;
  });

  it("stores a text for the service that owns the number and returns it from the API", async () => {
    await db.serviceCallbackApi.upsert({
      where: { serviceId_callbackType: { serviceId: service.id, callbackType: "inbound_sms" } },
      create: {
        serviceId: service.id,
        callbackType: "inbound_sms",
        url: "https://callbacks.example.gov/inbound",
        bearerTokenEncrypted: "unused-in-this-test",
      },
      update: {},
    });
    const message = inbound("What time do you open?");
    expect(await post("/api/webhooks/inbound-sms", message)).toEqual({ status: 200, message: "stored" });
    expect(await post("/api/webhooks/inbound-sms", message)).toEqual({ status: 200, message: "duplicate" });
    const { data } = await api.client(apiKey).getReceivedTexts();
    expect(data.received_text_messages).toEqual([
      expect.objectContaining({
        user_number: PERSON,
        notify_number: SERVICE_NUMBER,
        content: "What time do you open?",
        service_id: service.id,
      }),
    ]);
    const stored = await db.inboundSms.findFirstOrThrow({
      where: { serviceId: service.id, content: "What time do you open?" },
    });
    const callbacks = await db.$queryRaw<
      { count: bigint }[]
    >`SELECT count(*) FROM pgboss.job WHERE name = 'send-callback' AND data->>'subjectId' = ${stored.id} AND data->>'callbackType' = 'inbound_sms'`;
    expect(Number(callbacks[0]!.count)).toBe(1);
  });

  it("suppresses a sender who texts STOP, refuses to send to them, and lets them back with START", async () => {
    await post("/api/webhooks/inbound-sms", inbound("STOP"));
    expect(await suppressionsOf(PERSON)).toEqual([
      expect.objectContaining({ reason: "opt_out", recipientType: "mobile" }),
    ]);
    const refused = await failureOf(
      api.client(apiKey).sendSms(smsTemplate.id, PERSON, { personalisation: { name: "A", code: "1" } }),
    );
    expect(refused.status).toBe(400);
    expect(refused.data.errors[0]!.message).toMatch(/suppression list because its owner opted out/);
    const testKey = (await makeApiKey(service.id, "test")).key;
    expect(
      (await api.client(testKey).sendSms(smsTemplate.id, PERSON, { personalisation: { name: "A", code: "1" } })).status,
    ).toBe(201);

    await post("/api/webhooks/inbound-sms", inbound("Start"));
    expect(await suppressionsOf(PERSON)).toEqual([]);
  });

  it("makes a STOP the reason for a number already suppressed for another, so that clearing that reason cannot undo it", async () => {
    await db.suppressionEntry.create({
      data: {
        serviceId: service.id,
        recipientType: "mobile",
        recipient: PERSON,
        reason: "bounce",
        bounceSubType: "General",
      },
    });
    await post("/api/webhooks/inbound-sms", inbound("STOP"));
    expect(await suppressionsOf(PERSON)).toEqual([
      expect.objectContaining({ reason: "opt_out", recipientType: "mobile", bounceSubType: null }),
    ]);
    await post("/api/webhooks/inbound-sms", inbound("START"));
    expect(await suppressionsOf(PERSON)).toEqual([]);
  });

  it("keeps a text to a number no service owns as a raw event only", async () => {
    const message = resignedFixture("sms-inbound", certificates.certificateUrl, {
      ...fixtureEvent<Record<string, unknown>>("sms-inbound"),
      destinationNumber: "+18445550000",
      inboundMessageId: randomUUID(),
    });
    expect(await post("/api/webhooks/inbound-sms", message)).toEqual({ status: 200, message: "stored" });
  });
});

describe("suppression at send time", () => {
  it("refuses a suppressed email address with a clear error", async () => {
    await db.suppressionEntry.create({
      data: { serviceId: service.id, recipientType: "email", recipient: "bounced@example.com", reason: "bounce" },
    });
    const apiKey = (await makeApiKey(service.id, "normal")).key;
    const refused = await failureOf(
      api
        .client(apiKey)
        .sendEmail(emailTemplate.id, "Bounced@Example.com", { personalisation: { name: "A", reference: "R" } }),
    );
    expect(refused).toMatchObject({ status: 400, data: { errors: [{ error: "BadRequestError" }] } });
    expect(refused.data.errors[0]!.message).toMatch(/bounced permanently/);
  });
});

describe("assigning inbound numbers", () => {
  it("gives a number to one service at a time, in international format", async () => {
    const { assignInboundNumber } = await import("@/lib/services/inbound-numbers");
    const other = await makeService();
    await expect(
      assignInboundNumber({ actor: OPERATOR, serviceId: service.id, number: "07700 900123" }),
    ).rejects.toMatchObject({
      fieldErrors: { number: expect.any(String) },
    });
    await expect(
      assignInboundNumber({ actor: OPERATOR, serviceId: "", number: "+447700900123" }),
    ).rejects.toMatchObject({
      fieldErrors: { serviceId: "Choose the service that receives texts to this number" },
    });
    // Both problems in one round, the number's first as on the form.
    const both = await assignInboundNumber({ actor: OPERATOR, serviceId: "", number: "12" }).catch(
      (error: { fieldErrors: Record<string, string> }) => error.fieldErrors,
    );
    expect(Object.keys(both ?? {})).toEqual(["number", "serviceId"]);
    await assignInboundNumber({ actor: OPERATOR, serviceId: other.id, number: "+44 7700 900555" });
    await expect(
      assignInboundNumber({ actor: OPERATOR, serviceId: service.id, number: "+447700900555" }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await db.inboundNumber.findUniqueOrThrow({ where: { number: "+447700900555" } })).toMatchObject({
      serviceId: other.id,
      active: true,
    });
  });

  it("takes a number back: texts to it are no longer received, and it can be given to another service", async () => {
    const { assignInboundNumber, inboundNumbersOf, listInboundNumbers, releaseInboundNumber } =
      await import("@/lib/services/inbound-numbers");
    const first = await makeService({ name: "First holder" });
    await assignInboundNumber({ actor: OPERATOR, serviceId: first.id, number: "+447700900777" });
    const { id } = await db.inboundNumber.findUniqueOrThrow({ where: { number: "+447700900777" } });
    await releaseInboundNumber({ actor: OPERATOR, numberId: id });
    expect(await inboundNumbersOf(first.id)).toEqual([]);
    expect((await listInboundNumbers()).find((row) => row.id === id)).toEqual({
      id,
      number: "+447700900777",
      service: null,
    });
    expect(
      await db.auditEvent.findFirst({ where: { serviceId: first.id, action: "inbound_number.released" } }),
    ).toMatchObject({ details: { number: "+447700900777" } });
    const text = resignedFixture("sms-inbound", certificates.certificateUrl, {
      ...fixtureEvent<Record<string, unknown>>("sms-inbound"),
      destinationNumber: "+447700900777",
      inboundMessageId: randomUUID(),
    });
    expect(await post("/api/webhooks/inbound-sms", text)).toEqual({ status: 200, message: "stored" });

    const second = await makeService();
    await assignInboundNumber({ actor: OPERATOR, serviceId: second.id, number: "+447700900777" });
    expect(await inboundNumbersOf(second.id)).toEqual(["+447700900777"]);
    await expect(releaseInboundNumber({ actor: OPERATOR, numberId: "not-a-uuid" })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
