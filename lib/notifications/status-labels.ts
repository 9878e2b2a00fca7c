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
