import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { checkHealth } from "@/lib/health/check-health";
import { recordProviderReferences } from "@/lib/notifications/status-machine";
import { applyStoredEvents } from "@/lib/sns/apply-stored-events";
import { apiServerForThisFile } from "../support/api-harness";
import { makeService, makeTemplate } from "../support/factories";
import { makeSentNotification } from "../support/notifications";
import { fixtureEvent, resignedFixture, startCertificateServer } from "../support/sns-messages";

type SesFixtureEvent = { mail: { messageId: string; tags?: Record<string, string[]> } } & Record<string, unknown>;

let certificates: Awaited<ReturnType<typeof startCertificateServer>>;
const api = apiServerForThisFile();
let service: Awaited<ReturnType<typeof makeService>>;
let template: Awaited<ReturnType<typeof makeTemplate>>;

beforeAll(async () => {
  certificates = await startCertificateServer();
  process.env.SNS_TRUSTED_CERT_URL_PREFIXES = certificates.prefix;
  process.env.SNS_ALLOWED_TOPIC_ARNS = "";
  resetConfig();
  service = await makeService({ trialMode: false });
  template = await makeTemplate(service.id, { type: "email" });
});
afterAll(async () => {
  await certificates.close();
});

function sesEvent(fixture: string, messageId: string, tags?: Record<string, string[]>) {
  const event = fixtureEvent<SesFixtureEvent>(fixture);
  event.mail.messageId = messageId;
  if (tags) event.mail.tags = { ...event.mail.tags, ...tags };
  else delete event.mail.tags;
  return resignedFixture(fixture, certificates.certificateUrl, event);
}

const postSes = async (envelope: object) =>
  (
    await fetch(`${api.url()}/api/webhooks/ses`, {
      method: "POST",
      headers: { "Content-Type": "text/plain; charset=UTF-8" },
      body: JSON.stringify(envelope),
    })
  ).status;

const storedEvent = (snsMessageId: string) => db.providerEvent.findUniqueOrThrow({ where: { snsMessageId } });
const statusOf = async (id: string) => (await db.notification.findUniqueOrThrow({ where: { id } })).status;

describe("provider events: stored by the webhook, applied by the worker", () => {
  it("answers once the verified event is stored, and changes nothing until it is applied", async () => {
    const notification = await makeSentNotification(service, template);
    const message = sesEvent("ses-delivery", notification.providerReference!, {
      notification_id: [notification.id],
      service_id: [service.id],
    });
    expect(await postSes(message)).toBe(200);
    expect(await storedEvent(message.MessageId)).toMatchObject({ appliedAt: null, eventType: "Delivery" });
    expect(await statusOf(notification.id)).toBe("sending");
    expect((await checkHealth()).events.waiting).toBeGreaterThanOrEqual(1);

    while ((await applyStoredEvents()) > 0);
    expect(await statusOf(notification.id)).toBe("delivered");
    expect(await storedEvent(message.MessageId)).toMatchObject({
      notificationId: notification.id,
      serviceId: service.id,
    });
    expect((await storedEvent(message.MessageId)).appliedAt).not.toBeNull();
  });

  it("loses nothing when the worker applying an event dies: another applies it once the first one's claim runs out", async () => {
    const notification = await makeSentNotification(service, template);
    const message = sesEvent("ses-delivery", notification.providerReference!, {
      notification_id: [notification.id],
      service_id: [service.id],
    });
    expect(await postSes(message)).toBe(200);
    // A worker claimed it and died before applying it.
    await db.providerEvent.update({
      where: { snsMessageId: message.MessageId },
      data: { claimedUntil: new Date(Date.now() + 60_000) },
    });
    while ((await applyStoredEvents()) > 0);
    expect(await statusOf(notification.id)).toBe("sending");
    await db.providerEvent.update({
      where: { snsMessageId: message.MessageId },
      data: { claimedUntil: new Date(Date.now() - 1) },
    });
    while ((await applyStoredEvents()) > 0);
    expect(await statusOf(notification.id)).toBe("delivered");
  });

  it("applies an untagged bounce that arrived before the worker stored SES's id, once the id is stored", async () => {
    const notification = await makeSentNotification(service, template);
    await db.notification.update({ where: { id: notification.id }, data: { providerReference: null } });
    const message = sesEvent("ses-legacy-bounce", "ses-id-learnt-later");
    expect(await postSes(message)).toBe(200);
    while ((await applyStoredEvents()) > 0);
    expect(await storedEvent(message.MessageId)).toMatchObject({ appliedAt: null, attempts: 1 });
    expect(await statusOf(notification.id)).toBe("sending");

    await recordProviderReferences(db, [
      { notificationId: notification.id, providerName: "ses", providerReference: "ses-id-learnt-later" },
    ]);
    // Its next try is due within a second or two; nothing is forgotten meanwhile.
    await db.providerEvent.update({ where: { snsMessageId: message.MessageId }, data: { applyAfter: new Date() } });
    while ((await applyStoredEvents()) > 0);
    expect(await statusOf(notification.id)).toBe("permanent_failure");
    expect(await storedEvent(message.MessageId)).toMatchObject({ notificationId: notification.id });
  });

  it("applies a notification's events in the order they happened, whatever order they were stored in", async () => {
    const notification = await makeSentNotification(service, template);
    const tags = { notification_id: [notification.id], service_id: [service.id] };
    const reference = notification.providerReference!;
    // A Delivery stored first, then the Send that happened before it: the Send must not undo it.
    await postSes(sesEvent("ses-delivery", reference, tags));
    await postSes(sesEvent("ses-send", reference, tags));
    while ((await applyStoredEvents()) > 0);
    expect(await statusOf(notification.id)).toBe("delivered");
  });

  it("reports how far behind the applier is on /api/health", async () => {
    const notification = await makeSentNotification(service, template);
    const message = sesEvent("ses-delivery", notification.providerReference!, { notification_id: [notification.id] });
    expect(await postSes(message)).toBe(200);
    await db.providerEvent.update({
      where: { snsMessageId: message.MessageId },
      data: { receivedAt: new Date(Date.now() - 42_000) },
    });
    expect((await checkHealth()).events).toEqual({ waiting: 1, oldestWaitingSeconds: 42 });
    while ((await applyStoredEvents()) > 0);
    expect((await checkHealth()).events).toEqual({ waiting: 0, oldestWaitingSeconds: null });
  });
});
