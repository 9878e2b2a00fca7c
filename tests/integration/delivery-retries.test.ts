import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeService, makeTemplate } from "../support/factories";
import { acceptNotification } from "../support/accepted-notifications";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { emailTag } from "../support/ses-stand-in";
import { waitFor } from "../support/wait";

const delivery = deliveryHarnessForThisFile({
  ses: true,
  // Waits of 1-2 s, 2-4 s, … instead of production's 10-20 s, 20-40 s, …
  env: { SES_MAX_SEND_RATE: "50", DELIVERY_RETRY_DELAY_SECONDS: "1" },
  worker: true,
});
let template: Awaited<ReturnType<typeof makeTemplate>>;

beforeAll(async () => {
  template = await makeTemplate((await makeService()).id, { type: "email" });
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
