import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { StatusTag } from "@/components/ui/status-tag";
import { requireServiceAccess } from "@/lib/http/session";
import { notificationDetail } from "@/lib/notifications/activity";
import { describeStatusChange, isStillSending } from "@/lib/notifications/status-labels";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { cancelScheduledAction } from "./actions";
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
  const { access } = await requireServiceAccess(serviceId, "view_activity");
  const notification = await notificationDetail(serviceId, notificationId);
  if (!notification) notFound();
  const canCancel = access.permissions.has("send_messages");
  const waiting =
    notification.status === "created" && notification.scheduledFor !== null && notification.scheduledFor > new Date();
  const timeline = [
    {
      key: "created",
      at: notification.createdAt,
      text: `Accepted${notification.createdByName ? ` from ${notification.createdByName}` : notification.apiKeyId ? ` through the API with the key “${notification.apiKey?.name ?? "deleted key"}”` : ""}`,
    },
    ...notification.statusChanges.map((change) => ({
      key: change.id,
      at: change.occurredAt,
      text: describeStatusChange(notification.type, change.toStatus),
    })),
    ...notification.events.map((event) => ({
      key: event.id,
      at: event.occurredAt ?? event.receivedAt,
      text: `The provider reported: ${event.eventType}`,
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
      <RefreshWhile active={isStillSending(notification.status) && !waiting} />
      {waiting && notification.scheduledFor && (
        <Notice>
          Scheduled: it will be sent at {when(notification.scheduledFor)}.
          {canCancel && (
            <form action={cancelScheduledAction.bind(null, serviceId)} className="mt-2">
              <input type="hidden" name="notificationId" value={notification.id} />
              <button type="submit" className="text-lg text-brand underline">
                Cancel this message
              </button>
            </form>
          )}
        </Notice>
      )}
      {sent && <Notice>Your message was accepted. Its status updates as the provider reports back.</Notice>}
      {notification.keyType === "test" && (
        <Notice>
          Sent with the test key “{notification.apiKey?.name ?? "deleted key"}”: nothing was delivered, and it is not
          counted on the dashboard.
        </Notice>
      )}
      <dl className="mb-8 grid grid-cols-[max-content_1fr] gap-x-8 gap-y-2 text-lg">
        <dt className="font-bold">Status</dt>
        <dd aria-live="polite">
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
      {notification.shown.html !== null ? (
        // The email as delivery renders it; values in it are escaped by the renderer.
        <div
          className="template-preview mb-8 max-w-2xl border-2 border-line p-4"
          data-testid="message-body"
          dangerouslySetInnerHTML={{ __html: notification.shown.html }}
        />
      ) : (
        <div className="mb-8 max-w-sm whitespace-pre-wrap rounded-lg bg-gray-200 p-4" data-testid="message-body">
          {notification.shown.text}
        </div>
      )}
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
