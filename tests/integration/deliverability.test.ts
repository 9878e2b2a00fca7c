import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { deliverabilityOf, MIN_EMAILS_FOR_ALERT } from "@/lib/deliverability/rates";
import { removeSuppression } from "@/lib/suppression/remove-suppression";
import { makeService, makeTemplate, makeUser } from "../support/factories";

async function serviceWithEmails(sent: number, keyType: "normal" | "test" = "normal", daysAgo = 1) {
  const service = await makeService({ trialMode: false });
  const template = await makeTemplate(service.id, { type: "email" });
  const sentAt = new Date(Date.now() - daysAgo * 86_400_000);
  await db.notification.createMany({
    data: Array.from({ length: sent }, (_, index) => ({
      serviceId: service.id,
      templateId: template.id,
      templateVersion: 1,
      type: "email" as const,
      recipient: `r${index}@example.com`,
      normalisedRecipient: `r${index}@example.com`,
      body: "b",
      subject: "s",
      keyType,
      status: "delivered" as const,
      sentAt,
      createdAt: sentAt,
    })),
  });
  return { service, sentAt };
}

const bounces = (serviceId: string, count: number, createdAt: Date) =>
  db.suppressionEntry.createMany({
    data: Array.from({ length: count }, (_, index) => ({
      serviceId,
      recipientType: "email" as const,
      recipient: `r${index}@example.com`,
      reason: "bounce" as const,
      createdAt,
    })),
  });

describe("bounce and complaint rates", () => {
  it("divides permanent bounces and complaints by emails sent, over 7 and 30 days, and flags a crossed threshold", async () => {
    const { service, sentAt } = await serviceWithEmails(200);
    await bounces(service.id, 12, sentAt);
    await db.complaint.create({
      data: { serviceId: service.id, emailAddress: "r1@example.com", complainedAt: sentAt },
    });
    const rates = await deliverabilityOf(service.id);
    expect(rates.windows).toEqual([
      { days: 7, sent: 200, bounced: 12, complained: 1, bounceRate: 0.06, complaintRate: 0.005 },
      { days: 30, sent: 200, bounced: 12, complained: 1, bounceRate: 0.06, complaintRate: 0.005 },
    ]);
    expect(rates.alert).toEqual({ bounce: true, complaint: true });
    expect(rates.daily).toHaveLength(30);
    expect(rates.daily.find((day) => day.day === sentAt.toISOString().slice(0, 10))).toMatchObject({
      sent: 200,
      bounced: 12,
      complained: 1,
    });
  });

  it("leaves out test keys, older sends from the 7-day window, and raises no alert on too few emails", async () => {
    const { service } = await serviceWithEmails(50, "test");
    expect((await deliverabilityOf(service.id)).windows[0]!.sent).toBe(0);
    const old = await serviceWithEmails(MIN_EMAILS_FOR_ALERT, "normal", 10);
    const rates = await deliverabilityOf(old.service.id);
    expect(rates.windows.map((window) => window.sent)).toEqual([0, MIN_EMAILS_FOR_ALERT]);
    const few = await serviceWithEmails(MIN_EMAILS_FOR_ALERT - 1);
    await bounces(few.service.id, 50, few.sentAt);
    expect((await deliverabilityOf(few.service.id)).alert.bounce).toBe(false);
  });
});

describe("removing a recipient from the suppression list", () => {
  it("removes the entry and records who did it, without the recipient in the audit log", async () => {
    const user = await makeUser();
    const service = await makeService({ members: [{ userId: user.id }] });
    const entry = await db.suppressionEntry.create({
      data: { serviceId: service.id, recipientType: "email", recipient: "back@example.com", reason: "bounce" },
    });
    await removeSuppression({
      actor: { userId: user.id, isPlatformAdmin: false },
      serviceId: service.id,
      entryId: entry.id,
    });
    expect(await db.suppressionEntry.count({ where: { id: entry.id } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { serviceId: service.id, action: "suppression.removed" },
    });
    expect(audit.userId).toBe(user.id);
    expect(JSON.stringify(audit.details)).not.toContain("back@example.com");
  });

  it("cannot remove another service's entry", async () => {
    const user = await makeUser();
    const mine = await makeService();
    const theirs = await makeService();
    const entry = await db.suppressionEntry.create({
      data: { serviceId: theirs.id, recipientType: "email", recipient: "x@example.com", reason: "complaint" },
    });
    await expect(
      removeSuppression({ actor: { userId: user.id, isPlatformAdmin: false }, serviceId: mine.id, entryId: entry.id }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await db.suppressionEntry.count({ where: { id: entry.id } })).toBe(1);
  });
});

describe("raw provider events", () => {
  it("are deleted once past their service's retention for their channel, and unmatched ones after a week", async () => {
    const { deleteExpiredProviderEvents } = await import("@/lib/events/delete-expired-events");
    const service = await makeService();
    await db.service.update({ where: { id: service.id }, data: { emailRetentionDays: 3, smsRetentionDays: 10 } });
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const event = (name: string, source: string, serviceId: string | null, receivedAt: Date) => ({
      snsMessageId: `${name}-${service.id}`,
      source,
      eventType: "X",
      serviceId,
      payload: {},
      receivedAt,
    });
    await db.providerEvent.createMany({
      data: [
        event("email-old", "ses", service.id, daysAgo(4)),
        event("email-new", "ses", service.id, daysAgo(2)),
        event("sms-kept", "sms", service.id, daysAgo(4)),
        event("sms-old", "inbound-sms", service.id, daysAgo(11)),
        event("unmatched-old", "ses", null, daysAgo(8)),
        event("unmatched-new", "ses", null, daysAgo(6)),
      ],
    });
    await deleteExpiredProviderEvents();
    const left = await db.providerEvent.findMany({
      where: { snsMessageId: { endsWith: service.id } },
      select: { snsMessageId: true },
    });
    expect(left.map((row) => row.snsMessageId.replace(`-${service.id}`, "")).sort()).toEqual([
      "email-new",
      "sms-kept",
      "unmatched-new",
    ]);
  });
});

describe("notification retention", () => {
  it("archives settled notifications past their channel's retention without personal data, keeping unsettled ones", async () => {
    const { archiveExpiredNotifications } = await import("@/lib/retention/archive-expired-notifications");
    const service = await makeService();
    await db.service.update({ where: { id: service.id }, data: { emailRetentionDays: 3, smsRetentionDays: 10 } });
    const email = await makeTemplate(service.id, { type: "email" });
    const sms = await makeTemplate(service.id, { type: "sms" });
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const make = (template: { id: string; type: "email" | "sms" }, createdAt: Date, status: "delivered" | "sending") =>
      db.notification.create({
        data: {
          serviceId: service.id,
          templateId: template.id,
          templateVersion: 1,
          type: template.type,
          recipient: "secret@example.com",
          normalisedRecipient: "secret@example.com",
          body: "secret",
          keyType: "normal",
          status,
          createdAt,
        },
      });
    const oldEmail = await make(email, daysAgo(4), "delivered");
    const newEmail = await make(email, daysAgo(2), "delivered");
    const stuckEmail = await make(email, daysAgo(4), "sending");
    const keptSms = await make(sms, daysAgo(4), "delivered");
    await db.inboundSms.createMany({
      data: [
        {
          serviceId: service.id,
          userNumber: "+447700900001",
          notifyNumber: "+447700900002",
          content: "old",
          createdAt: daysAgo(11),
        },
        {
          serviceId: service.id,
          userNumber: "+447700900001",
          notifyNumber: "+447700900002",
          content: "new",
          createdAt: daysAgo(9),
        },
      ],
    });

    await archiveExpiredNotifications();
    const left = await db.notification.findMany({ where: { serviceId: service.id }, select: { id: true } });
    expect(left.map((row) => row.id).sort()).toEqual([newEmail.id, stuckEmail.id, keptSms.id].sort());
    expect(await db.notificationHistory.findUniqueOrThrow({ where: { id: oldEmail.id } })).toMatchObject({
      serviceId: service.id,
      status: "delivered",
      type: "email",
    });
    expect(
      (await db.inboundSms.findMany({ where: { serviceId: service.id } })).map((message) => message.content),
    ).toEqual(["new"]);
  });
});
