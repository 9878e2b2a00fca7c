import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setServiceCallback } from "@/lib/callbacks/callback-settings";
import { config, resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/queue/boss";
import { queues } from "@/lib/queue/queues";
import { reconcileUncertainSends } from "@/lib/notifications/reconcile-uncertain-sends";
import { replayCreatedNotifications } from "@/lib/notifications/replay-created";
import { unconfirmedSendOutcomes } from "@/lib/notifications/unconfirmed-sends";
import { timeOutStaleSends } from "@/lib/notifications/time-out-stale-sends";
import type { RunningWorker } from "@/workers/runtime";
import { acceptNotification, storeNotification } from "../support/accepted-notifications";
import { startCallbackReceiver } from "../support/callback-receiver";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { makeService, makeTemplate, makeUser } from "../support/factories";
import { waitFor } from "../support/wait";

// The worker sends the service's callbacks: to a local receiver, not out to the internet.
const delivery = deliveryHarnessForThisFile({
  env: { SIMULATED_DELIVERY_DELAY_MS: "0", CALLBACK_ALLOWED_PRIVATE_HOSTS: "127.0.0.1" },
});
let template: Awaited<ReturnType<typeof makeTemplate>>;
let running: RunningWorker | undefined;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;

beforeAll(async () => {
  receiver = await startCallbackReceiver();
  const member = await makeUser();
  const service = await makeService({ members: [{ userId: member.id }] });
  await setServiceCallback({
    actor: { userId: member.id, isPlatformAdmin: false },
    serviceId: service.id,
    callbackType: "delivery_status",
    url: receiver.url,
    bearerToken: "sweeper-test-token",
  });
  template = await makeTemplate(service.id, { type: "email" });
});
afterAll(async () => {
  await receiver?.close();
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const statusOf = async (id: string) => (await db.notification.findUniqueOrThrow({ where: { id } })).status;
const deliveryJobs = (notificationId: string) =>
  db.$queryRaw<
    { state: string }[]
  >`SELECT state::text FROM pgboss.job WHERE name LIKE 'deliver-%' AND data->>'notificationId' = ${notificationId}`;
const callbackJobs = (notificationId: string) =>
  db.$queryRaw<
    { id: string }[]
  >`SELECT id FROM pgboss.job WHERE name = 'send-callback' AND data->>'subjectId' = ${notificationId}`;

describe("replaying notifications stuck in created", () => {
  it("queues a delivery job for a notification created over 10 minutes ago that has no live job, and no other", async () => {
    const stranded = await storeNotification(template, { createdAt: ago(11) });
    const recent = await storeNotification(template, { createdAt: ago(2) });
    const dueLater = await storeNotification(template, {
      createdAt: ago(60),
      scheduledFor: new Date(Date.now() + 3_600_000),
    });
    const waiting = await acceptNotification(
      template,
      { createdAt: ago(11) },
      { startAfter: new Date(Date.now() + 60_000) },
    );

    expect(await replayCreatedNotifications()).toBe(1);
    expect(await deliveryJobs(stranded.id)).toEqual([{ state: "created" }]);
    expect(await deliveryJobs(recent.id)).toEqual([]);
    expect(await deliveryJobs(dueLater.id)).toEqual([]);
    expect(await deliveryJobs(waiting.id)).toHaveLength(1);
    // The replayed job is now live: a second sweep adds nothing.
    expect(await replayCreatedNotifications()).toBe(0);
  });

  it("runs on the worker's schedule and the replayed notification is delivered", async () => {
    const stranded = await storeNotification(template, {
      createdAt: ago(30),
      recipient: "simulate-delivered@notifications.service.gov.uk",
    });
    running = await delivery.startWorker();
    expect((await running.boss.getSchedules()).map((schedule) => schedule.name)).toEqual(
      expect.arrayContaining(["replay-created-notifications", "reconcile-uncertain-sends", "time-out-stale-sends"]),
    );
    await enqueue(queues.replayCreatedNotifications, {});
    await waitFor(
      "the replayed notification to be delivered",
      async () => (await statusOf(stranded.id)) === "delivered",
    );
  });
});

describe("timing out sends without a final receipt", () => {
  it("marks sending and pending notifications older than 72 hours as temporary failures and queues their callbacks", async () => {
    const sending = await storeNotification(template, {
      status: "sending",
      sentAt: ago(73 * 60),
      providerReference: "ses-1",
    });
    const pending = await storeNotification(template, {
      status: "pending",
      sentAt: ago(80 * 60),
      providerReference: "ses-2",
    });
    const young = await storeNotification(template, {
      status: "sending",
      sentAt: ago(71 * 60),
      providerReference: "ses-3",
    });
    const delivered = await storeNotification(template, {
      status: "delivered",
      sentAt: ago(100 * 60),
      providerReference: "ses-4",
    });

    expect(await timeOutStaleSends()).toBe(2);
    expect(await statusOf(sending.id)).toBe("temporary_failure");
    expect(await statusOf(pending.id)).toBe("temporary_failure");
    expect(await statusOf(young.id)).toBe("sending");
    expect(await statusOf(delivered.id)).toBe("delivered");
    expect(await callbackJobs(sending.id)).toHaveLength(1);
    expect(await callbackJobs(pending.id)).toHaveLength(1);
    expect(await callbackJobs(young.id)).toHaveLength(0);
    const change = await db.notificationStatusChange.findFirstOrThrow({ where: { notificationId: sending.id } });
    expect(change).toMatchObject({
      fromStatus: "sending",
      toStatus: "temporary_failure",
      reason: "no final receipt within 72 hours",
    });
  });
});

describe("reconciling sends whose outcome was lost", () => {
  it("fails a claimed send with no provider reference after the reconcile window, without sending it again", async () => {
    const minutes = config().DELIVERY_RECONCILE_AFTER_MINUTES;
    const lost = await storeNotification(template, {
      status: "sending",
      providerName: "ses",
      sentAt: ago(minutes + 1),
    });
    const confirmed = await storeNotification(template, {
      status: "sending",
      providerName: "ses",
      sentAt: ago(minutes + 1),
      providerReference: "ses-confirmed-by-event",
    });
    const recent = await storeNotification(template, {
      status: "sending",
      providerName: "ses",
      sentAt: ago(minutes - 1),
    });

    expect(await reconcileUncertainSends()).toEqual({ settled: 1, handedOverAgain: 0 });
    expect(await statusOf(lost.id)).toBe("technical_failure");
    expect(await statusOf(confirmed.id)).toBe("sending");
    expect(await statusOf(recent.id)).toBe("sending");
    expect(await callbackJobs(lost.id)).toHaveLength(1);
    expect(await deliveryJobs(lost.id)).toEqual([]);
  });

  it("hands a lost send over again when its provider reports every message it accepts, and settles the rest", async () => {
    const minutes = config().DELIVERY_RECONCILE_AFTER_MINUTES;
    Object.assign(process.env, {
      SES_SEND_EVENTS: "true",
      SES_CONFIGURATION_SET: "tidings",
      SMS_TEXT_EVENTS: "true",
      SMS_CONFIGURATION_SET: "tidings-sms",
    });
    resetConfig();
    try {
      // SES publishes Send for every message it accepts: no event at all means it never had this one.
      const neverAccepted = await storeNotification(template, {
        status: "sending",
        providerName: "ses",
        sentAt: ago(minutes + 1),
      });
      const smsTemplate = await makeTemplate(template.serviceId, { type: "sms" });
      // End User Messaging SMS publishing its text events: the same.
      const textNeverAccepted = await storeNotification(smsTemplate, {
        status: "sending",
        providerName: "pinpoint",
        sentAt: ago(minutes + 1),
      });
      // SNS Publish reports nothing: its silence proves nothing, so no second copy.
      const unknown = await storeNotification(smsTemplate, {
        status: "sending",
        providerName: "sns",
        sentAt: ago(minutes + 1),
      });
      const confirmed = await storeNotification(template, {
        status: "sending",
        providerName: "ses",
        sentAt: ago(minutes + 1),
        providerReference: "ses-confirmed-by-event",
      });

      expect(await reconcileUncertainSends()).toEqual({ settled: 1, handedOverAgain: 2 });
      expect(await statusOf(textNeverAccepted.id)).toBe("created");
      expect(await deliveryJobs(textNeverAccepted.id)).toEqual([{ state: "created" }]);
      expect(await statusOf(neverAccepted.id)).toBe("created");
      expect(await deliveryJobs(neverAccepted.id)).toEqual([{ state: "created" }]);
      expect(await callbackJobs(neverAccepted.id)).toEqual([]);
      const change = await db.notificationStatusChange.findFirstOrThrow({
        where: { notificationId: neverAccepted.id, toStatus: "created" },
      });
      expect(change.reason).toMatch(/no event from ses within \d+ minutes: it never accepted the message/);
      expect(await statusOf(unknown.id)).toBe("technical_failure");
      expect(await statusOf(confirmed.id)).toBe("sending");
      // The providers in use are simulated here, which report nothing.
      expect(unconfirmedSendOutcomes()).toEqual({ email: "technical-failure", sms: "technical-failure" });
      // The health report says what happens, from the providers in use.
      Object.assign(process.env, { EMAIL_PROVIDER: "ses", AWS_REGION: "eu-west-2" });
      resetConfig();
      expect(unconfirmedSendOutcomes()).toEqual({ email: "handed-over-again", sms: "handed-over-again" });
    } finally {
      for (const name of [
        "SES_SEND_EVENTS",
        "SES_CONFIGURATION_SET",
        "SMS_TEXT_EVENTS",
        "SMS_CONFIGURATION_SET",
        "EMAIL_PROVIDER",
        "AWS_REGION",
      ])
        delete process.env[name];
      resetConfig();
    }
  });
});
