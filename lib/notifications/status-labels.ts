import "server-only";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";

// What each status means to the person who sent the message, in GOV.UK Notify's words.
export const STATUS_LABELS: Record<NotificationStatus, { label: string; tone: "neutral" | "good" | "bad" }> = {
  created: { label: "Sending", tone: "neutral" },
  sending: { label: "Sending", tone: "neutral" },
  pending: { label: "Sending", tone: "neutral" },
  sent: { label: "Sent internationally", tone: "good" },
  delivered: { label: "Delivered", tone: "good" },
  permanent_failure: { label: "Email address or phone number does not exist", tone: "bad" },
  temporary_failure: { label: "Inbox or phone not accepting messages right now", tone: "bad" },
  technical_failure: { label: "Technical failure", tone: "bad" },
  cancelled: { label: "Cancelled", tone: "neutral" },
};

export const statusLabel = (status: NotificationStatus) => STATUS_LABELS[status].label;

const CHANGE_DESCRIPTIONS: Record<NotificationStatus, (type: "email" | "sms") => string> = {
  created: () => "Waiting to be sent again",
  sending: (type) => `Handed to the ${type === "email" ? "email" : "text message"} provider`,
  pending: () => "The provider is still trying to deliver it",
  sent: () => "Sent to an international number (no delivery receipt)",
  delivered: () => "Delivered",
  permanent_failure: (type) =>
    `Not delivered: the ${type === "email" ? "email address" : "phone number"} does not exist`,
  temporary_failure: (type) => `Not delivered: the ${type === "email" ? "inbox" : "phone"} was not accepting messages`,
  technical_failure: () => "Not delivered because of a technical problem",
  cancelled: () => "Cancelled",
};

/** A step of a message's timeline, for people: what happened, not the status's code. */
export function describeStatusChange(type: "email" | "sms", status: NotificationStatus): string {
  return CHANGE_DESCRIPTIONS[status](type);
}

/** Whether a message may still change status (the console refreshes its page until it cannot). */
export function isStillSending(status: NotificationStatus): boolean {
  return status === "created" || status === "sending" || status === "pending";
}
