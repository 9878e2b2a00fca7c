import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { signUnsubscribeToken } from "@/lib/mailing-lists/unsubscribe-token";
import { applyStoredEvents } from "@/lib/sns/apply-stored-events";
import { apiServerForThisFile } from "../support/api-harness";
import { makeCampaignService, makeMailingList } from "../support/campaigns";
import {
  fixtureEvent,
  resignedFixture,
  signEnvelope,
  snsFixture,
  startCertificateServer,
  type Envelope,
} from "../support/sns-messages";

type ReceivedEmail = { mail: { messageId: string; commonHeaders: { subject: string } }; content: string };

const FIXTURE = "ses-received-unsubscribe";
const api = apiServerForThisFile();
let certificates: Awaited<ReturnType<typeof startCertificateServer>>;
let serviceId: string;

beforeAll(async () => {
  certificates = await startCertificateServer();
  process.env.SNS_TRUSTED_CERT_URL_PREFIXES = certificates.prefix;
  process.env.SNS_ALLOWED_TOPIC_ARNS = snsFixture(FIXTURE).TopicArn;
  resetConfig();
  serviceId = (await makeCampaignService()).service.id;
});
afterAll(async () => {
  await certificates.close();
});

/** Posts to the webhook as SNS does, then applies what it stored as the worker would. */
async function post(body: Envelope | string): Promise<{ status: number; message: string }> {
  const response = await fetch(`${api.url()}/api/webhooks/unsubscribe-email`, {
    method: "POST",
    headers: { "Content-Type": "text/plain; charset=UTF-8" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  while ((await applyStoredEvents()) > 0);
  return { status: response.status, message: ((await response.json()) as { message: string }).message };
}

/** The fixture's email, as a mail program answering the List-Unsubscribe mailto sends it, signed again. */
function receivedEmail(subject: string, messageId: string = randomUUID()): Envelope {
  const event = fixtureEvent<ReceivedEmail>(FIXTURE);
  event.mail.messageId = `ses-${messageId}`;
  event.mail.commonHeaders.subject = subject;
  event.content = event.content.replace(/^Subject: .*$/m, `Subject: ${subject}`);
  return resignedFixture(FIXTURE, certificates.certificateUrl, event, messageId);
}

async function subscriberWithToken() {
  const listId = await makeMailingList(serviceId, 1, Math.floor(Math.random() * 100_000));
  const subscriber = await db.subscriber.findFirstOrThrow({ where: { listId } });
  const campaignId = randomUUID();
  return { subscriber, campaignId, token: signUnsubscribeToken({ subscriberId: subscriber.id, listId, campaignId }) };
}
const subscriberNow = (id: string) => db.subscriber.findUniqueOrThrow({ where: { id } });

describe("unsubscribing by email (List-Unsubscribe's mailto)", () => {
  it("unsubscribes the person the subject's token names, as the one-click POST does, and keeps nothing of the email but its subject", async () => {
    const { subscriber, campaignId, token } = await subscriberWithToken();
    const messageId = randomUUID();
    expect(await post(receivedEmail(`Re: unsubscribe ${token}`, messageId))).toEqual({
      status: 200,
      message: "stored",
    });
    expect(await subscriberNow(subscriber.id)).toMatchObject({ status: "unsubscribed", unsubscribedVia: campaignId });
    const stored = await db.providerEvent.findUniqueOrThrow({ where: { snsMessageId: messageId } });
    expect(stored).toMatchObject({ source: "unsubscribe-email", eventType: "Received" });
    expect(stored.appliedAt).not.toBeNull();
    const kept = JSON.stringify(stored.payload);
    expect(kept).toContain(token);
    expect(kept).not.toContain("resident@example.com");
    expect(kept).not.toContain("automatically generated");
  });

  it("takes the same email delivered twice (the same SNS MessageId) once", async () => {
    const { subscriber, token } = await subscriberWithToken();
    const message = receivedEmail(`unsubscribe ${token}`);
    expect(await post(message)).toEqual({ status: 200, message: "stored" });
    expect(await post(message)).toEqual({ status: 200, message: "duplicate" });
    expect(await db.providerEvent.count({ where: { snsMessageId: message.MessageId } })).toBe(1);
    expect((await subscriberNow(subscriber.id)).status).toBe("unsubscribed");
  });

  it("ignores a subject whose token was altered, or that has none, and logs it without the subject", async () => {
    const { subscriber, token } = await subscriberWithToken();
    const warn = vi.spyOn(log, "warn");
    try {
      const altered = `${token.slice(0, 5)}${token[5] === "A" ? "B" : "A"}${token.slice(6)}`;
      for (const subject of [`unsubscribe ${altered}`, "unsubscribe", "Please stop"]) {
        expect(await post(receivedEmail(subject)), subject).toEqual({ status: 200, message: "stored" });
      }
      expect((await subscriberNow(subscriber.id)).status).toBe("subscribed");
      const ignored = warn.mock.calls.filter(([, message]) => String(message).startsWith("unsubscribe email ignored"));
      expect(ignored).toHaveLength(3);
      for (const call of ignored) expect(JSON.stringify(call)).not.toMatch(/unsubscribe [\w-]+\.|Please stop/);
    } finally {
      warn.mockRestore();
    }
  });

  it("refuses a message whose signature does not match, or from another topic, and changes nothing", async () => {
    const { subscriber, token } = await subscriberWithToken();
    const genuine = receivedEmail(`unsubscribe ${token}`);
    const event = JSON.parse(genuine.Message) as ReceivedEmail;
    const forged = { ...genuine, Message: JSON.stringify({ ...event, content: `${event.content}.` }) };
    expect(await post(forged)).toEqual({ status: 403, message: "The signature does not match the message" });
    const otherTopic = signEnvelope(
      { ...genuine, TopicArn: "arn:aws:sns:us-east-1:999999999999:elsewhere" },
      certificates.certificateUrl,
    );
    expect(await post(otherTopic)).toEqual({ status: 403, message: "The topic is not one Tidings accepts" });
    expect(await post("{not json")).toMatchObject({ status: 400 });
    expect((await subscriberNow(subscriber.id)).status).toBe("subscribed");
    expect(await db.providerEvent.count({ where: { snsMessageId: genuine.MessageId } })).toBe(0);
  });

  it("refuses, as malformed, an SNS message that is not an email SES received", async () => {
    const ses = resignedFixture(FIXTURE, certificates.certificateUrl, fixtureEvent("ses-delivery"));
    expect(await post(ses)).toEqual({ status: 400, message: "The SNS Message is not an email SES received" });
  });
});
