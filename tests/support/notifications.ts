import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";

/** A notification as the worker leaves it after handing it to a provider (status `sending` by default). */
export async function makeSentNotification(
  service: { id: string },
  template: { id: string; type: "email" | "sms"; version: number },
  overrides: {
    recipient?: string;
    status?: NotificationStatus;
    providerReference?: string;
    clientReference?: string;
  } = {},
) {
  const recipient =
    overrides.recipient ??
    (template.type === "email" ? `person-${randomBytes(3).toString("hex")}@example.com` : "+447700900123");
  return db.notification.create({
    data: {
      serviceId: service.id,
      templateId: template.id,
      templateVersion: template.version,
      type: template.type,
      recipient,
      normalisedRecipient: recipient.toLowerCase(),
      body: "Hello",
      subject: template.type === "email" ? "Hello" : null,
      keyType: "normal",
      status: overrides.status ?? "sending",
      providerName: template.type === "email" ? "ses" : "pinpoint",
      providerReference: overrides.providerReference ?? `ref-${randomBytes(8).toString("hex")}`,
      clientReference: overrides.clientReference ?? null,
      sentAt: new Date(),
    },
  });
}
