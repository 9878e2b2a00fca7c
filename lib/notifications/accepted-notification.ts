import "server-only";
import type { NotificationType } from "@/lib/generated/prisma/client";

/** What a sender is told about a message Tidings has accepted (the API's 201 answer, an idempotent replay). */
export type AcceptedNotification = {
  id: string;
  serviceId: string;
  type: NotificationType;
  clientReference: string | null;
  templateId: string;
  templateVersion: number;
  subject: string | null;
  body: string;
  fromEmail: string | null;
  fromNumber: string | null;
  unsubscribeUrl: string | null;
  scheduledFor: Date | null;
  createdAt: Date;
};
