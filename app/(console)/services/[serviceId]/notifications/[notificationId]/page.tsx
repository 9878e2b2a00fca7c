import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { StatusTag } from "@/components/ui/status-tag";
import { requireServiceAccess } from "@/lib/http/session";
import { notificationDetail } from "@/lib/notifications/activity";
import { statusName } from "@/lib/notify-format/status-names";
import { formatDateTime } from "@/components/ui/date-time";

export const metadata: Metadata = { title: "Message" };

const when = (date: Date | null | undefined) => (date ? `${formatDateTime(date, "second")} UTC` : "—");

export default async function NotificationPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string; notificationId: string }>;
  searchParams: Promise<{ sent?: string }>;
}) {
  const { serviceId, notificationId } = await params;
  const { sent } = await searchParams;
  await requireServiceAccess(serviceId, "view_activity");
  const notification = await notificationDetail(serviceId, notificationId);
  if (!notification) notFound();
  const timeline = [
    {
      key: "created",
      at: notification.createdAt,
      text: `Accepted${notification.createdByName ? ` from ${notification.createdByName}` : notification.apiKeyId ? " through the API" : ""}`,
    },
    ...notification.statusChanges.map((change) => ({
      key: change.id,
      at: change.occurredAt,
      text: `${change.fromStatus ? `${statusName(change.fromStatus)} → ` : ""}${statusName(change.toStatus)}${change.reason ? `: ${change.reason}` : ""}`,
    })),
    ...notification.events.map((event) => ({
      key: event.id,
      at: event.occurredAt ?? event.receivedAt,
      text: `Provider event: ${event.eventType} (${event.source})`,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  return (
    <>
      <p className="mb-2">
        <Link href={`/services/${serviceId}/activity`}>Activity</Link>
      </p>
      <h1 className="mb-2 text-3xl font-bold break-all">
        {notification.type === "email" ? "Email" : "Text message"} to {notification.recipient}
      </h1>
      {sent && <Notice>Your message was accepted. Its status updates as the provider reports back.</Notice>}
      <dl className="mb-8 grid grid-cols-[max-content_1fr] gap-x-8 gap-y-2 text-lg">
        <dt className="font-bold">Status</dt>
        <dd>
          <StatusTag status={notification.status} />
        </dd>
        <dt className="font-bold">Template</dt>
        <dd>
          <Link href={`/services/${serviceId}/templates/${notification.templateId}`}>
            {notification.templateVersionRef.name}
          </Link>{" "}
          (version {notification.templateVersion})
        </dd>
        {notification.clientReference && (
          <>
            <dt className="font-bold">Reference</dt>
            <dd>{notification.clientReference}</dd>
          </>
        )}
        <dt className="font-bold">Sent</dt>
        <dd>{when(notification.sentAt)}</dd>
        {notification.engagement && (
          <>
            <dt className="font-bold">Opened</dt>
            <dd>
              {notification.engagement.openCount > 0
                ? `${notification.engagement.openCount} times, first ${when(notification.engagement.firstOpenedAt)}`
                : "Not yet"}
            </dd>
            <dt className="font-bold">Links clicked</dt>
            <dd>{notification.engagement.clickCount}</dd>
          </>
        )}
        {notification.complaints.length > 0 && (
          <>
            <dt className="font-bold">Complaint</dt>
            <dd className="text-error">
              The recipient reported this email as spam {when(notification.complaints[0]!.complainedAt)}
            </dd>
          </>
        )}
      </dl>
      <h2 className="mb-3 text-2xl font-bold">Message</h2>
      {notification.subject && (
        <p className="mb-2 text-lg">
          <span className="font-bold">Subject:</span> {notification.subject}
        </p>
      )}
      <div className="mb-8 max-w-2xl whitespace-pre-wrap border-2 border-line p-4">{notification.body}</div>
      <h2 className="mb-3 text-2xl font-bold">Timeline</h2>
      <ol className="border-l-4 border-brand pl-4">
        {timeline.map((entry) => (
          <li key={entry.key} className="mb-3">
            <span className="block text-muted">{when(entry.at)}</span>
            {entry.text}
          </li>
        ))}
      </ol>
    </>
  );
}
