import { OPERATOR } from "@/lib/permissions";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { activityFilters, notificationDetail, searchNotifications } from "@/lib/notifications/activity";
import { dashboardSummary } from "@/lib/notifications/dashboard";
import { checkOneOff, sendOneOff } from "@/lib/notifications/send-one-off";
import { cancelScheduledNotification, listScheduledNotifications } from "@/lib/notifications/scheduled-notifications";
import { makeService, makeTemplate, makeUser } from "../support/factories";

async function serviceWithActivity() {
  const user = await makeUser();
  const service = await makeService({ members: [{ userId: user.id }] });
  const email = await makeTemplate(service.id, { type: "email", name: "Email one" });
  const sms = await makeTemplate(service.id, { type: "sms", name: "Text one" });
  const base = Date.now() - 60 * 60_000;
  await db.notification.createMany({
    data: Array.from({ length: 120 }, (_, index) => {
      const template = index % 2 === 0 ? email : sms;
      const recipient =
        template.type === "email" ? `person${index}@example.com` : `+4477009001${String(index).padStart(2, "0")}`;
      return {
        serviceId: service.id,
        templateId: template.id,
        templateVersion: 1,
        type: template.type,
        recipient,
        normalisedRecipient: recipient,
        body: "b",
        keyType: "normal" as const,
        status: index % 10 === 0 ? ("permanent_failure" as const) : ("delivered" as const),
        createdAt: new Date(base + index * 1000),
      };
    }),
  });
  return { user, service, email, sms };
}

describe("activity", () => {
  it("pages through every notification newest first without repeats, and filters by type, status, template and recipient", async () => {
    const { service, email } = await serviceWithActivity();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchNotifications(service.id, {}, cursor);
      seen.push(...page.rows.map((row) => row.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);

    const failedEmails = await searchNotifications(
      service.id,
      activityFilters.parse({ type: "email", status: "failed" }),
    );
    expect(failedEmails.rows).toHaveLength(12);
    expect(failedEmails.rows.every((row) => row.type === "email" && row.status === "permanent_failure")).toBe(true);
    expect(
      (await searchNotifications(service.id, activityFilters.parse({ template: email.id }))).rows.every(
        (row) => row.templateName === "Email one",
      ),
    ).toBe(true);
    expect(
      (await searchNotifications(service.id, activityFilters.parse({ recipient: " Person4@Example.com " }))).rows.map(
        (row) => row.recipient,
      ),
    ).toEqual(["person4@example.com"]);
    expect(
      (await searchNotifications(service.id, activityFilters.parse({ from: "2001-01-01", to: "2001-01-02" }))).rows,
    ).toEqual([]);
  });

  it("ignores filters that are not valid rather than failing", () => {
    expect(activityFilters.parse({ type: "letter", status: "odd", template: "x", from: "yesterday" })).toEqual({});
  });

  it("never shows another service's notification", async () => {
    const { service } = await serviceWithActivity();
    const other = await makeService();
    const [first] = (await searchNotifications(service.id, {})).rows;
    expect(await notificationDetail(other.id, first!.id)).toBeNull();
    expect((await notificationDetail(service.id, first!.id))?.id).toBe(first!.id);
  });

  it("sums the last seven days by channel and outcome for the dashboard", async () => {
    const { service } = await serviceWithActivity();
    const summary = await dashboardSummary(service.id);
    expect(summary.totals.email).toEqual({ sending: 0, delivered: 48, failed: 12, total: 60 });
    expect(summary.totals.sms).toEqual({ sending: 0, delivered: 60, failed: 0, total: 60 });
    expect(summary.daily).toHaveLength(7);
    expect(summary.daily.reduce((total, day) => total + day.email + day.sms, 0)).toBe(120);
    expect(summary.recentFailures).toHaveLength(5);
    expect(summary.recentFailures[0]!.statusLabel).toBe("Email address or phone number does not exist");
    expect(summary.templateUsage).toEqual([
      expect.objectContaining({ name: expect.any(String), count: 60 }),
      expect.objectContaining({ name: expect.any(String), count: 60 }),
    ]);
    expect(summary.templateUsage.map((row) => row.name).sort()).toEqual(["Email one", "Text one"]);
  });

  it("leaves test-key messages out as the dashboard does, and marks them with their key when asked for", async () => {
    const { service, email } = await serviceWithActivity();
    const { makeApiKey } = await import("../support/factories");
    const testKey = await makeApiKey(service.id, "test");
    await db.notification.create({
      data: {
        serviceId: service.id,
        templateId: email.id,
        templateVersion: 1,
        type: "email",
        recipient: "pretend@example.com",
        normalisedRecipient: "pretend@example.com",
        body: "b",
        keyType: "test",
        apiKeyId: testKey.id,
        status: "delivered",
      },
    });
    const from = (await dashboardSummary(service.id)).daily[0]!.day;
    const listed = async (filters: Record<string, string>) => {
      const rows: { recipient: string; testKeyName: string | null }[] = [];
      let cursor: string | undefined;
      do {
        const page = await searchNotifications(service.id, activityFilters.parse({ from, ...filters }), cursor);
        rows.push(...page.rows);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return rows;
    };
    // The dashboard's figures and the Activity lists they link to agree.
    const summary = await dashboardSummary(service.id);
    expect((await listed({ type: "email" })).length).toBe(summary.totals.email.total);
    expect((await listed({ type: "email", status: "delivered" })).length).toBe(summary.totals.email.delivered);
    expect((await listed({})).some((row) => row.recipient === "pretend@example.com")).toBe(false);
    expect(await listed({ keys: "test" })).toEqual([
      expect.objectContaining({ recipient: "pretend@example.com", testKeyName: expect.any(String) }),
    ]);
  });
});

describe("sending one message from the console", () => {
  it("checks without storing, puts errors beside the fields, then sends by the API's rules", async () => {
    const user = await makeUser({ email: "sender@example.gov" });
    const service = await makeService({ members: [{ userId: user.id }] });
    const template = await makeTemplate(service.id, {
      type: "email",
      subject: "Hello ((name))",
      content: "Your code is ((code))",
    });
    const form = { recipient: "sender@example.gov", personalisation: { name: "Sam", code: "" }, senderId: null };
    await expect(
      checkOneOff({
        actor: { userId: user.id, isPlatformAdmin: false },
        serviceId: service.id,
        templateId: template.id,
        form,
      }),
    ).rejects.toMatchObject({
      fieldErrors: { "p:code": "Enter a value for ((code))" },
    });
    // Every field at once, in the order of the form: a bad address and a missing value in one round.
    const both = await checkOneOff({
      actor: { userId: user.id, isPlatformAdmin: false },
      serviceId: service.id,
      templateId: template.id,
      form: { ...form, recipient: "not an email" },
    }).catch((error: { fieldErrors: Record<string, string> }) => error);
    expect(both).toMatchObject({
      fieldErrors: {
        recipient: "Enter an email address in the correct format, like name@example.com",
        "p:code": "Enter a value for ((code))",
      },
    });
    expect(Object.keys((both as { fieldErrors: object }).fieldErrors)).toEqual(["recipient", "p:code"]);
    // Trial mode: only the team and guest list.
    await expect(
      checkOneOff({
        actor: { userId: user.id, isPlatformAdmin: false },
        serviceId: service.id,
        templateId: template.id,
        form: {
          ...form,
          recipient: "stranger@example.com",
          personalisation: { name: "Sam", code: "1" },
        },
      }),
    ).rejects.toMatchObject({
      fieldErrors: {
        recipient: "Your service is in trial mode: you can only send to your team and the people on your guest list",
      },
    });

    const checked = await checkOneOff({
      actor: { userId: user.id, isPlatformAdmin: false },
      serviceId: service.id,
      templateId: template.id,
      form: {
        ...form,
        personalisation: { name: "Sam", code: "1234" },
      },
    });
    expect(checked).toMatchObject({
      to: "sender@example.gov",
      subject: "Hello Sam",
      text: "Your code is 1234",
      html: expect.stringContaining(">Your code is 1234</p>"),
    });
    expect(await db.notification.count({ where: { serviceId: service.id } })).toBe(0);

    const id = await sendOneOff({
      actor: { userId: user.id, isPlatformAdmin: false },
      serviceId: service.id,
      templateId: template.id,
      form: {
        ...form,
        personalisation: { name: "Sam", code: "1234" },
      },
    });
    expect(await db.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({
      createdById: user.id,
      keyType: "normal",
      apiKeyId: null,
      status: "created",
      body: "Your code is 1234",
    });
  });
});

describe("scheduling a message from the console", () => {
  it("sends later: waits as scheduled, is listed for the dashboard, and can be cancelled until then", async () => {
    const user = await makeUser();
    const actor = { userId: user.id, isPlatformAdmin: false };
    const service = await makeService({ members: [{ userId: user.id }] });
    const template = await makeTemplate(service.id, { type: "email", subject: "Hi", content: "Hello ((name))" });
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 16);
    const form = {
      recipient: user.email,
      personalisation: { name: "Sam" },
      senderId: null,
      scheduledFor: later,
    };
    await expect(
      checkOneOff({ actor, serviceId: service.id, templateId: template.id, form: { ...form, scheduledFor: "" } }),
    ).rejects.toMatchObject({ fieldErrors: { scheduledFor: "Enter a date and time, like 2026-12-03 09:30" } });
    await expect(
      checkOneOff({
        actor,
        serviceId: service.id,
        templateId: template.id,
        form: { ...form, scheduledFor: "2001-01-01T10:00" },
      }),
    ).rejects.toMatchObject({ fieldErrors: { scheduledFor: "Choose a time in the future" } });
    const tooFar = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 16);
    await expect(
      checkOneOff({ actor, serviceId: service.id, templateId: template.id, form: { ...form, scheduledFor: tooFar } }),
    ).rejects.toMatchObject({ fieldErrors: { scheduledFor: "Choose a time up to 7 days from now" } });

    expect(await checkOneOff({ actor, serviceId: service.id, templateId: template.id, form })).toMatchObject({
      scheduledFor: new Date(`${later}:00Z`),
    });
    const id = await sendOneOff({ actor, serviceId: service.id, templateId: template.id, form });
    expect(await db.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "created",
      scheduledFor: new Date(`${later}:00Z`),
    });
    expect((await listScheduledNotifications(service.id)).map((row) => row.id)).toEqual([id]);

    const viewer = await makeUser();
    await db.serviceMember.create({
      data: { serviceId: service.id, userId: viewer.id, permissions: ["view_activity"] },
    });
    await expect(
      cancelScheduledNotification({
        actor: { userId: viewer.id, isPlatformAdmin: false },
        serviceId: service.id,
        notificationId: id,
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await cancelScheduledNotification({ actor, serviceId: service.id, notificationId: id });
    expect((await db.notification.findUniqueOrThrow({ where: { id } })).status).toBe("cancelled");
    expect(await listScheduledNotifications(service.id)).toEqual([]);
    await expect(
      cancelScheduledNotification({ actor, serviceId: service.id, notificationId: id }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
  });
});

describe("seeding a service for trying the console at scale", () => {
  it("creates the asked number of notifications across both channels and outcomes, in batches", async () => {
    const { seedNotifications } = await import("@/lib/seed/seed-notifications");
    const service = await makeService();
    await makeTemplate(service.id, { type: "email" });
    await makeTemplate(service.id, { type: "sms" });
    const progress: number[] = [];
    expect(
      await seedNotifications({
        actor: OPERATOR,
        serviceId: service.id,
        count: 3_000,
        days: 7,
        onProgress: (done) => progress.push(done),
      }),
    ).toBe(3_000);
    expect(progress.at(-1)).toBe(3_000);
    const byType = await db.notification.groupBy({ by: ["type"], where: { serviceId: service.id }, _count: true });
    expect(byType.map((group) => group.type).sort()).toEqual(["email", "sms"]);
    const page = await searchNotifications(service.id, activityFilters.parse({ status: "failed" }));
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((row) => row.status.endsWith("failure"))).toBe(true);
  });
});
