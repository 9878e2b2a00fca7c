import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { KeyType, NotificationStatus } from "@/lib/generated/prisma/enums";
import { dashboardSummary } from "@/lib/notifications/dashboard";
import { summariseDailyNotificationStatuses } from "@/lib/notifications/daily-statuses";
import { platformFigures } from "@/lib/platform/admin-queries";
import { makeService, makeTemplate } from "../support/factories";

const DAY = 86_400_000;

/** Messages of one email template `daysAgo` days before `now`, at 09:00 UTC. */
async function sent(
  service: { id: string },
  template: { id: string },
  now: Date,
  daysAgo: number,
  count: number,
  options: { status?: NotificationStatus; keyType?: KeyType; archived?: boolean } = {},
) {
  const day = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - daysAgo * DAY + 9 * 3_600_000,
  );
  const rows = Array.from({ length: count }, (_, index) => ({
    serviceId: service.id,
    templateId: template.id,
    templateVersion: 1,
    type: "email" as const,
    recipient: `person${index}@example.com`,
    normalisedRecipient: `person${index}@example.com`,
    body: "b",
    keyType: options.keyType ?? ("normal" as const),
    status: options.status ?? ("delivered" as const),
    createdAt: new Date(day.getTime() + index * 1000),
  }));
  if (!options.archived) return db.notification.createMany({ data: rows });
  // Past retention, a message keeps only its metadata, in the history table.
  return db.notificationHistory.createMany({
    data: rows.map(({ recipient: _recipient, normalisedRecipient: _normalised, body: _body, ...row }) => ({
      ...row,
      id: crypto.randomUUID(),
      billableUnits: 1,
      international: false,
      updatedAt: row.createdAt,
    })),
  });
}

async function serviceWithTemplate() {
  const service = await makeService();
  return { service, template: await makeTemplate(service.id, { type: "email" }) };
}

const countsOf = (serviceId: string) =>
  db.dailyNotificationStatus
    .findMany({
      where: { serviceId },
      orderBy: [{ day: "asc" }, { status: "asc" }],
      select: { day: true, status: true, count: true },
    })
    .then((rows) => rows.map((row) => ({ ...row, day: row.day.toISOString().slice(0, 10) })));

describe("daily notification statuses", () => {
  it("counts finished days by status, archived messages included and test keys left out, and never today", async () => {
    const now = new Date("2031-03-15T12:00:00Z");
    const { service, template } = await serviceWithTemplate();
    await sent(service, template, now, 0, 4);
    await sent(service, template, now, 1, 3);
    await sent(service, template, now, 1, 1, { status: "permanent_failure" });
    await sent(service, template, now, 1, 5, { keyType: "test" });
    await sent(service, template, now, 6, 2, { archived: true });
    await sent(service, template, now, 12, 9);

    const { days } = await summariseDailyNotificationStatuses(now);
    expect(days).toEqual([
      "2031-03-08",
      "2031-03-09",
      "2031-03-10",
      "2031-03-11",
      "2031-03-12",
      "2031-03-13",
      "2031-03-14",
    ]);
    expect(await countsOf(service.id)).toEqual([
      { day: "2031-03-09", status: "delivered", count: 2 },
      { day: "2031-03-14", status: "delivered", count: 3 },
      { day: "2031-03-14", status: "permanent_failure", count: 1 },
    ]);
  });

  it("recounts days whose statuses may still change, but not older days already counted", async () => {
    const now = new Date("2032-06-20T12:00:00Z");
    const { service, template } = await serviceWithTemplate();
    await sent(service, template, now, 2, 2, { status: "sending" });
    await sent(service, template, now, 5, 3);
    await summariseDailyNotificationStatuses(now);

    await db.notification.updateMany({
      where: { serviceId: service.id, status: "sending" },
      data: { status: "delivered" },
    });
    await sent(service, template, now, 5, 1);
    const { days } = await summariseDailyNotificationStatuses(new Date(now.getTime() + 3_600_000));
    expect(days).toEqual(["2032-06-17", "2032-06-18", "2032-06-19"]);
    expect(await countsOf(service.id)).toEqual([
      { day: "2032-06-15", status: "delivered", count: 3 },
      { day: "2032-06-18", status: "delivered", count: 2 },
    ]);
  });

  it("gives the dashboard counted days from the table and the rest from the messages, with the same figures", async () => {
    const now = new Date("2033-09-10T12:00:00Z");
    const { service, template } = await serviceWithTemplate();
    await sent(service, template, now, 0, 2);
    await sent(service, template, now, 3, 4);
    await sent(service, template, now, 3, 1, { status: "technical_failure" });
    await sent(service, template, now, 6, 5);
    const { platformService } = await import("@/lib/platform/platform-service");
    const own = await platformService();
    await sent(own, await makeTemplate(own.id, { type: "email" }), now, 1, 3);
    const counted = (await dashboardSummary(service.id, now)).totals.email;
    expect(counted).toEqual({ sending: 0, delivered: 11, failed: 1, total: 12 });

    await summariseDailyNotificationStatuses(now);
    expect((await dashboardSummary(service.id, now)).totals.email).toEqual(counted);
    // Tidings' own messages (sign-in codes) are not the services' figures.
    expect(await platformFigures(now)).toMatchObject({ emails: 12, emailsFailed: 1, texts: 0 });

    // Read from the counts: rows deleted or changed after counting show as counted until recounted.
    await db.notification.deleteMany({
      where: { serviceId: service.id, createdAt: { lt: new Date("2033-09-05T00:00:00Z") } },
    });
    await db.notification.updateMany({
      where: { serviceId: service.id, status: "technical_failure" },
      data: { status: "delivered" },
    });
    expect((await dashboardSummary(service.id, now)).totals.email).toEqual(counted);

    // A day in the middle of the week that was never counted: from there on the messages are counted.
    await db.summarisedDay.delete({ where: { day: new Date("2033-09-07") } });
    const summary = await dashboardSummary(service.id, now);
    expect(summary.totals.email).toEqual({ sending: 0, delivered: 12, failed: 0, total: 12 });
    expect(summary.daily.map((day) => day.email)).toEqual([5, 0, 0, 5, 0, 0, 2]);
  });
});
