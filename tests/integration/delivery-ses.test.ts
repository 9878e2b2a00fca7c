import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { OPERATOR } from "@/lib/permissions";
import { deliveryQueueFor } from "@/lib/notifications/delivery-queue";
import { enqueue } from "@/lib/queue/boss";
import { archiveService } from "@/lib/services/archive-service";
import { signUnsubscribeToken, oneClickLink } from "@/lib/mailing-lists/unsubscribe-token";
import { makeService, makeTemplate } from "../support/factories";
import { acceptNotification, storeNotification } from "../support/accepted-notifications";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { emailHeader, emailTag } from "../support/ses-stand-in";
import { waitFor } from "../support/wait";

const delivery = deliveryHarnessForThisFile({
  ses: true,
  env: {
    SES_CONFIGURATION_SET: "tidings-events",
    EMAIL_DOMAIN: "notifications.example.gov",
    UNSUBSCRIBE_EMAIL_ADDRESS: "unsubscribe@notifications.example.gov",
  },
  worker: true,
});

describe("sending email through SES", () => {
  it("hands the message to SES with the service's sender, reply-to, tags and configuration set, and stores SES's MessageId", async () => {
    const service = await makeService({ name: "Parking permits" });
    const template = await makeTemplate(service.id, { type: "email" });
    const notification = await acceptNotification(template, {
      recipient: "Resident@Example.com",
      replyTo: "permits@council.example.gov",
      unsubscribeUrl: "https://council.example.gov/unsubscribe/42",
    });

    const stored = await waitFor("SES's MessageId to be stored", async () => {
      const row = await db.notification.findUniqueOrThrow({ where: { id: notification.id } });
      return row.providerReference ? row : null;
    });

    const [call, ...others] = delivery.ses.calls.filter(
      (entry) => emailTag(entry.request, "notification_id") === notification.id,
    );
    expect(others).toEqual([]);
    expect(call!.request).toMatchObject({
      FromEmailAddress: `"Parking permits" <${service.emailSenderLocalPart}@notifications.example.gov>`,
      Destination: { ToAddresses: ["Resident@Example.com"] },
      ReplyToAddresses: ["permits@council.example.gov"],
      ConfigurationSetName: "tidings-events",
    });
    expect(emailTag(call!.request, "service_id")).toBe(service.id);
    expect(emailHeader(call!.request, "List-Unsubscribe")).toBe("<https://council.example.gov/unsubscribe/42>");
    expect(emailHeader(call!.request, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(call!.request.Content.Simple.Subject.Data).toBe("Hello Ada");
    expect(stored).toMatchObject({ status: "sending", providerName: "ses", providerReference: call!.messageId });
    expect(stored.sentAt).not.toBeNull();
  });

  it("offers the unsubscribe mailbox beside Tidings' own one-click link, with the link's signed token (RFC 2369, RFC 8058)", async () => {
    const service = await makeService();
    const template = await makeTemplate(service.id, { type: "email" });
    const token = signUnsubscribeToken({ subscriberId: randomUUID(), listId: randomUUID(), campaignId: randomUUID() });
    const notification = await acceptNotification(template, { unsubscribeUrl: oneClickLink(token) });
    await waitFor(
      "the send",
      async () => (await db.notification.findUniqueOrThrow({ where: { id: notification.id } })).providerReference,
    );
    const call = delivery.ses.calls.find((entry) => emailTag(entry.request, "notification_id") === notification.id)!;
    expect(emailHeader(call.request, "List-Unsubscribe")).toBe(
      `<${oneClickLink(token)}>, <mailto:unsubscribe@notifications.example.gov?subject=unsubscribe%20${token}>`,
    );
    expect(emailHeader(call.request, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  });

  it("leaves out reply-to and unsubscribe headers the notification does not have", async () => {
    const service = await makeService();
    const template = await makeTemplate(service.id, { type: "email" });
    const notification = await acceptNotification(template);
    await waitFor(
      "the send",
      async () => (await db.notification.findUniqueOrThrow({ where: { id: notification.id } })).providerReference,
    );
    const call = delivery.ses.calls.find((entry) => emailTag(entry.request, "notification_id") === notification.id)!;
    expect(call.request.ReplyToAddresses).toBeUndefined();
    expect(emailHeader(call.request, "List-Unsubscribe")).toBeUndefined();
  });
});

describe("archiving a service", () => {
  it("stops its messages: one accepted before the archive is settled technical_failure by the worker and never reaches SES", async () => {
    const service = await makeService({ trialMode: false });
    const template = await makeTemplate(service.id, { type: "email" });
    // Accepted while the service was live; its delivery job runs only after the archive.
    const notification = await storeNotification(template);
    await archiveService({ actor: OPERATOR, serviceId: service.id });
    await enqueue(deliveryQueueFor("email", "normal"), { notificationId: notification.id });

    const settled = await waitFor("the worker to settle the message", async () => {
      const row = await db.notification.findUniqueOrThrow({ where: { id: notification.id } });
      return row.status === "created" ? null : row;
    });
    expect(settled).toMatchObject({ status: "technical_failure", providerReference: null });
    const changes = await db.notificationStatusChange.findMany({ where: { notificationId: notification.id } });
    expect(changes.map((change) => [change.fromStatus, change.toStatus, change.reason])).toEqual([
      ["created", "technical_failure", "service is archived"],
    ]);
    expect(delivery.ses.calls.filter((call) => emailTag(call.request, "notification_id") === notification.id)).toEqual(
      [],
    );
  });
});
