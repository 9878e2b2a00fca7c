import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { stopJobSender } from "@/lib/queue/boss";
import { queues } from "@/lib/queue/queues";
import { storeAcceptedNotification, type NewNotificationRow } from "@/lib/notifications/store-accepted";
import { makeService, makeTemplate } from "../support/factories";

let service: Awaited<ReturnType<typeof makeService>>;
let template: Awaited<ReturnType<typeof makeTemplate>>;

beforeAll(async () => {
  service = await makeService();
  template = await makeTemplate(service.id, { type: "email" });
});
afterAll(async () => {
  await stopJobSender();
});

function row(overrides: Partial<NewNotificationRow> = {}): NewNotificationRow {
  return {
    id: uuidv7(),
    createdAt: new Date(),
    serviceId: service.id,
    templateId: template.id,
    templateVersion: 1,
    type: "email",
    recipient: "Someone@Example.com",
    normalisedRecipient: "someone@example.com",
    personalisation: { name: "Ada" },
    subject: "Hello",
    body: "Dear Ada",
    clientReference: null,
    apiKeyId: null,
    keyType: "normal",
    createdById: null,
    replyTo: null,
    smsSender: null,
    unsubscribeUrl: null,
    billableUnits: 1,
    international: false,
    scheduledFor: null,
    refuseIfSuppressed: true,
    ...overrides,
  };
}

const jobsFor = async (ids: string[]) =>
  db.$queryRaw<
    { notification_id: string; start_after: Date }[]
  >`SELECT data->>'notificationId' AS notification_id, start_after FROM pgboss.job WHERE name = ${queues.deliverEmail.name} AND data->>'notificationId' = ANY(${ids})`;

describe("storing accepted notifications", () => {
  it("stores every one of many concurrent notifications with exactly one delivery job each", async () => {
    const rows = Array.from({ length: 60 }, () => row());
    await Promise.all(rows.map((data) => storeAcceptedNotification({ data, queue: queues.deliverEmail })));
    const ids = rows.map((data) => data.id);
    const stored = await db.notification.findMany({
      where: { id: { in: ids } },
      select: { id: true, status: true, recipient: true, personalisation: true },
    });
    expect(stored).toHaveLength(60);
    expect(
      stored.every(
        (notification) => notification.status === "created" && notification.recipient === "Someone@Example.com",
      ),
    ).toBe(true);
    expect(stored[0]!.personalisation).toEqual({ name: "Ada" });
    const jobs = await jobsFor(ids);
    expect(jobs.map((job) => job.notification_id).sort()).toEqual([...ids].sort());
  });

  it("fails only the bad row of a batch, storing neither it nor its job", async () => {
    const good = Array.from({ length: 5 }, () => row());
    const bad = row({ templateVersion: 99 });
    const outcomes = await Promise.allSettled(
      [...good, bad].map((data) => storeAcceptedNotification({ data, queue: queues.deliverEmail })),
    );
    expect(
      outcomes
        .slice(0, 5)
        .filter((outcome) => outcome.status === "rejected")
        .map((outcome) => String(outcome.reason)),
    ).toEqual([]);
    expect(outcomes[5]!.status).toBe("rejected");
    expect(await db.notification.count({ where: { id: { in: [...good, bad].map((data) => data.id) } } })).toBe(5);
    expect(await jobsFor([bad.id])).toEqual([]);
  });

  it("refuses a suppressed recipient in the same statement, storing the others, unless exempt", async () => {
    await db.suppressionEntry.create({
      data: { serviceId: service.id, recipientType: "email", recipient: "gone@example.com", reason: "bounce" },
    });
    const ok = row();
    const suppressed = row({ recipient: "Gone@example.com", normalisedRecipient: "gone@example.com" });
    const exempt = row({
      recipient: "gone@example.com",
      normalisedRecipient: "gone@example.com",
      keyType: "test",
      refuseIfSuppressed: false,
    });
    const outcomes = await Promise.allSettled(
      [ok, suppressed, exempt].map((data) => storeAcceptedNotification({ data, queue: queues.deliverEmail })),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/bounced permanently/),
    });
    expect(await db.notification.count({ where: { id: suppressed.id } })).toBe(0);
    expect(await jobsFor([suppressed.id])).toEqual([]);
  });

  it("holds a scheduled notification's job until its time", async () => {
    const scheduledFor = new Date(Date.now() + 3_600_000);
    const data = row({ scheduledFor });
    await storeAcceptedNotification({ data, queue: queues.deliverEmail });
    const [job] = await jobsFor([data.id]);
    expect(job!.start_after.getTime()).toBe(scheduledFor.getTime());
  });
});
