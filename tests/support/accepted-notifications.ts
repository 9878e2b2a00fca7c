import { db } from "@/lib/db";
import type { NotificationType, Prisma } from "@/lib/generated/prisma/client";
import { enqueue, type EnqueueOptions } from "@/lib/queue/boss";
import { deliveryQueueFor } from "@/lib/notifications/delivery-queue";
import { normaliseEmailAddress } from "@/lib/recipients/email";

type Template = { id: string; serviceId: string; type: NotificationType };

/** Covers the placeholders of the factories' default templates. */
const PERSONALISATION = { name: "Ada", reference: "R-1", code: "123456" };

/**
 * A notification as the API stores it (`created`, normal key), without its delivery job: for sweepers
 * that look for notifications whose job went missing. Pass overrides for anything a test cares about.
 */
export async function storeNotification(
  template: Template,
  overrides: Partial<Prisma.NotificationUncheckedCreateInput> = {},
) {
  const recipient = overrides.recipient ?? (template.type === "email" ? "someone@example.com" : "+447700900123");
  return db.notification.create({
    data: {
      serviceId: template.serviceId,
      templateId: template.id,
      templateVersion: 1,
      type: template.type,
      recipient,
      normalisedRecipient: template.type === "email" ? normaliseEmailAddress(recipient) : recipient,
      personalisation: PERSONALISATION,
      body: template.type === "email" ? "Dear Ada" : "Hi Ada, your code is 123456",
      keyType: "normal",
      ...overrides,
    },
  });
}

/** A stored notification with its delivery job, as the API accepts one; `job` overrides the queue's options for this job. */
export async function acceptNotification(
  template: Template,
  overrides: Partial<Prisma.NotificationUncheckedCreateInput> = {},
  job: EnqueueOptions = {},
) {
  const notification = await storeNotification(template, overrides);
  await enqueue(deliveryQueueFor(notification.type, "normal"), { notificationId: notification.id }, job);
  return notification;
}
