import "server-only";
import type { DbTransaction } from "@/lib/db";
import type { NotificationType, Prisma } from "@/lib/generated/prisma/client";
import type { StatusUpdate } from "@/lib/notifications/status-machine";

export type ProviderEventSource = "ses" | "sms" | "inbound-sms" | "unsubscribe-email";

/** What the webhook stores of a verified event, before anything is applied. */
export type ProviderEventRecord = {
  snsMessageId: string;
  source: ProviderEventSource;
  eventType: string;
  payload: Prisma.InputJsonObject;
  occurredAt: Date | null;
  /** The provider's id of the message it is about, for finding the notification. */
  providerMessageId: string | null;
  /** Not applied before then (the simulated provider's receipts come after a delay, as real ones do). */
  applyAfter?: Date;
};

/** How an event names its notification: by our id (SES tags, SMS context), else by the provider's reference. */
export type NotificationKey = {
  type: NotificationType;
  notificationId: string | null;
  providerReference: string | null;
  /** The service the event says the notification belongs to (a tag); an event that disagrees is not trusted. */
  claimedServiceId: string | null;
};

export type Target = { id: string; serviceId: string };

/**
 * What applying one event does. Status changes and references are applied for a whole batch of
 * events in one statement each; `effects` (suppression, complaints, engagement, received texts)
 * run one event at a time in the batch's transaction. Returns the service the event turned out to
 * be about, when it is not a notification's.
 */
export type EventPlan = {
  /** The notification it is about; null when it concerns none (a received text). */
  about: NotificationKey | null;
  status?: Omit<StatusUpdate, "notificationId">;
  /** Records the provider's reference, for a send whose worker died before storing it. */
  reference?: { providerName: string; providerReference: string };
  effects?: (tx: DbTransaction, target: Target | null) => Promise<{ serviceId: string } | void>;
};
