import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeService, makeTemplate } from "../support/factories";
import { acceptNotification } from "../support/accepted-notifications";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { emailTag } from "../support/ses-stand-in";
import { waitFor } from "../support/wait";

const delivery = deliveryHarnessForThisFile({
  ses: true,
  sms: true,
  // Waits of 1-2 s, 2-4 s, … instead of production's 10-20 s, 20-40 s, …
  env: { SES_MAX_SEND_RATE: "50", SMS_PROVIDER: "pinpoint", DELIVERY_RETRY_DELAY_SECONDS: "1" },
  worker: true,
});
let template: Awaited<ReturnType<typeof makeTemplate>>;
let smsTemplate: Awaited<ReturnType<typeof makeTemplate>>;

beforeAll(async () => {
  const service = await makeService();
  template = await makeTemplate(service.id, { type: "email" });
  smsTemplate = await makeTemplate(service.id, { type: "sms" });
});

const callsFor = (notificationId: string) =>
  delivery.ses.calls.filter((call) => emailTag(call.request, "notification_id") === notificationId);
const notificationRow = (id: string) => db.notification.findUniqueOrThrow({ where: { id } });
const jobState = async (notificationId: string) =>
  (
    await db.$queryRaw<
      { state: string }[]
    >`SELECT state::text FROM pgboss.job WHERE data->>'notificationId' = ${notificationId}`
  )[0]?.state;

describe("when SES refuses for the moment", () => {
  it("retries a throttled send with growing waits and sends it once", async () => {
    delivery.ses.failNext(2, "throttled");
    const notification = await acceptNotification(template);
    const sent = await waitFor(
      "the send after two throttled attempts",
      async () => (await notificationRow(notification.id)).providerReference && notificationRow(notification.id),
      20_000,
    );

    const calls = callsFor(notification.id);
    expect(calls.map((call) => call.answer)).toEqual(["throttled", "throttled", "accepted"]);
    expect(sent).toMatchObject({ status: "sending", providerReference: calls[2]!.messageId });
    // pg-boss waits at least the retry delay, then at least twice it.
    expect(calls[1]!.arrivedAt - calls[0]!.arrivedAt).toBeGreaterThanOrEqual(1000);
    expect(calls[2]!.arrivedAt - calls[1]!.arrivedAt).toBeGreaterThanOrEqual(2000);
    const changes = await db.notificationStatusChange.findMany({
      where: { notificationId: notification.id },
      orderBy: { occurredAt: "asc" },
    });
    expect(changes.map((change) => `${change.fromStatus}→${change.toStatus}`)).toEqual([
      "created→sending",
      "sending→created",
      "created→sending",
      "sending→created",
      "created→sending",
    ]);
  });

  it("retries after a server error and sends it once", async () => {
    delivery.ses.failNext(1, "server-error");
    const notification = await acceptNotification(template);
    await waitFor(
      "the send after a 500",
      async () => (await notificationRow(notification.id)).providerReference,
      20_000,
    );
    expect(callsFor(notification.id).map((call) => call.answer)).toEqual(["server-error", "accepted"]);
  });
});

describe("when SES throttles and fails for a while under a batch", () => {
  it("slows every worker down, retries with growing waits, and sends each message once, none failed early", async () => {
    const { ses } = delivery;
    const before = ses.calls.length;
    ses.failNext(6, "throttled");
    ses.failNext(4, "server-error");
    const batch = [];
    for (let index = 0; index < 40; index++)
      batch.push(await acceptNotification(template, { recipient: `batch-${index}@example.com` }));
    const ids = batch.map((notification) => notification.id);

    // "Too fast" holds the shared send budget in debt (about a second's worth per throttled lease).
    await waitFor("the send budget to go into debt", async () => {
      const [budget] = await db.$queryRaw<
        { tokens: number }[]
      >`SELECT tokens FROM provider_send_budgets WHERE key = 'ses'`;
      return budget !== undefined && budget.tokens < 0;
    });
    await waitFor(
      "every message of the batch to be sent",
      async () =>
        (await db.notification.count({ where: { id: { in: ids }, providerReference: { not: null } } })) === 40,
      60_000,
    );
    const calls = ses.calls.slice(before);
    expect(calls.filter((call) => call.answer !== "accepted")).toHaveLength(10);
    const accepted = new Map<string, number>();
    for (const call of calls.filter((candidate) => candidate.answer === "accepted"))
      accepted.set(call.notificationId!, (accepted.get(call.notificationId!) ?? 0) + 1);
    expect(ids.filter((id) => accepted.get(id) !== 1)).toEqual([]);
    expect(await db.notification.count({ where: { id: { in: ids }, status: { not: "sending" } } })).toBe(0);
    // Each refused message waited at least the first retry delay before its next try.
    for (const refused of calls.filter((call) => call.answer !== "accepted")) {
      const retry = calls.find(
        (call) => call.notificationId === refused.notificationId && call.arrivedAt > refused.arrivedAt,
      );
      expect(retry!.arrivedAt - refused.arrivedAt).toBeGreaterThanOrEqual(1000);
    }
  });
});

describe("when End User Messaging SMS fails or throttles for the moment", () => {
  // The stand-in records only the calls it accepted; `operations` counts every SendTextMessage asked.
  const textsAsked = () => delivery.sms.operations.filter((operation) => operation === "SendTextMessage").length;
  const textsAcceptedFor = (notificationId: string) =>
    delivery.sms.calls.filter(
      (call) => call.api === "pinpoint" && call.request.Context?.notification_id === notificationId,
    );
  const sentText = (id: string) =>
    waitFor("the text to be handed over", async () => (await notificationRow(id)).providerReference, 20_000);

  it("retries after a server error and sends the text once", async () => {
    const before = textsAsked();
    delivery.sms.failNext("SendTextMessage", { type: "InternalServerException", message: "Oops", status: 500 });
    const notification = await acceptNotification(smsTemplate);
    const reference = await sentText(notification.id);

    expect(textsAsked() - before).toBe(2);
    expect(textsAcceptedFor(notification.id).map((call) => call.messageId)).toEqual([reference]);
    expect(await notificationRow(notification.id)).toMatchObject({ status: "sending", providerName: "pinpoint" });
  });

  it("slows the SMS send rate down while throttled, then sends the text once", async () => {
    const before = textsAsked();
    delivery.sms.failNext("SendTextMessage", { type: "ThrottlingException", message: "Rate exceeded" }, 2);
    const notification = await acceptNotification(smsTemplate);

    await waitFor("the SMS send budget to go into debt", async () => {
      const [budget] = await db.$queryRaw<
        { tokens: number }[]
      >`SELECT tokens FROM provider_send_budgets WHERE key = 'pinpoint'`;
      return budget !== undefined && budget.tokens < 0;
    });
    const reference = await sentText(notification.id);
    expect(textsAsked() - before).toBe(3);
    expect(textsAcceptedFor(notification.id).map((call) => call.messageId)).toEqual([reference]);
    const changes = await db.notificationStatusChange.count({
      where: { notificationId: notification.id, toStatus: "technical_failure" },
    });
    expect(changes).toBe(0);
  });
});

describe("when SES refuses for good", () => {
  it("fails a rejected message at once as a technical failure, without retrying", async () => {
    delivery.ses.failNext(1, "rejected");
    const notification = await acceptNotification(template);
    await waitFor("the delivery job to finish", async () => (await jobState(notification.id)) === "completed");
    expect(await notificationRow(notification.id)).toMatchObject({
      status: "technical_failure",
      providerReference: null,
    });
    expect(callsFor(notification.id).map((call) => call.answer)).toEqual(["rejected"]);
    const reasons = await db.notificationStatusChange.findMany({
      where: { notificationId: notification.id, toStatus: "technical_failure" },
    });
    expect(reasons[0]!.reason).toBe("ses rejected it: MessageRejected");
  });

  it("gives up with a technical failure when every attempt up to the job's retry limit fails", async () => {
    delivery.ses.failNext(2, "server-error");
    const notification = await acceptNotification(template, {}, { retryLimit: 1 });
    await waitFor(
      "the last attempt to fail",
      async () => (await notificationRow(notification.id)).status === "technical_failure",
      20_000,
    );
    expect(await jobState(notification.id)).toBe("completed");
    expect(callsFor(notification.id).map((call) => call.answer)).toEqual(["server-error", "server-error"]);
  });
});
