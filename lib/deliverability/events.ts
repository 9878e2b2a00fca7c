import "server-only";
import { db } from "@/lib/db";

export type BounceOrComplaint = {
  id: string;
  kind: "bounce" | "complaint";
  recipient: string;
  detail: string;
  notificationId: string | null;
  at: Date;
};
export const EVENT_FILTERS = ["all", "bounce", "complaint"] as const;
export type EventFilter = (typeof EVENT_FILTERS)[number];

type StoredEvent = {
  bounce?: { bounceType?: string; bounceSubType?: string; bouncedRecipients?: { emailAddress?: string }[] };
  complaint?: { complaintFeedbackType?: string; complainedRecipients?: { emailAddress?: string }[] };
};

/** The service's most recent bounces and complaints, newest first, from the raw SES events it still keeps. */
export async function recentBouncesAndComplaints(
  serviceId: string,
  filter: EventFilter,
  page: number,
  pageSize = 50,
): Promise<{ items: BounceOrComplaint[]; hasMore: boolean }> {
  const eventTypes = filter === "all" ? ["Bounce", "Complaint"] : [filter === "bounce" ? "Bounce" : "Complaint"];
  const events = await db.providerEvent.findMany({
    where: { serviceId, source: "ses", eventType: { in: eventTypes } },
    orderBy: { receivedAt: "desc" },
    skip: (page - 1) * pageSize,
    take: pageSize + 1,
    select: { id: true, eventType: true, payload: true, notificationId: true, occurredAt: true, receivedAt: true },
  });
  const items = events.slice(0, pageSize).flatMap((event): BounceOrComplaint[] => {
    const payload = event.payload as StoredEvent;
    const at = event.occurredAt ?? event.receivedAt;
    if (event.eventType === "Bounce") {
      const detail = `${payload.bounce?.bounceType ?? "Undetermined"} bounce${payload.bounce?.bounceSubType ? ` (${payload.bounce.bounceSubType})` : ""}`;
      return (payload.bounce?.bouncedRecipients ?? []).map((recipient, index) => ({
        id: `${event.id}-${index}`,
        kind: "bounce",
        recipient: recipient.emailAddress ?? "unknown",
        detail,
        notificationId: event.notificationId,
        at,
      }));
    }
    const detail = payload.complaint?.complaintFeedbackType
      ? `Complaint (${payload.complaint.complaintFeedbackType})`
      : "Complaint";
    return (payload.complaint?.complainedRecipients ?? []).map((recipient, index) => ({
      id: `${event.id}-${index}`,
      kind: "complaint",
      recipient: recipient.emailAddress ?? "unknown",
      detail,
      notificationId: event.notificationId,
      at,
    }));
  });
  return { items, hasMore: events.length > pageSize };
}
