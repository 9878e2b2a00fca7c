import "server-only";
import type { z } from "zod";
import { config } from "@/lib/config";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";
import type { InboundSmsRecord } from "@/lib/inbound-sms/queries";
import type { JobWithCounts } from "@/lib/jobs/queries";
import type { SubscriberView } from "@/lib/mailing-lists/queries";
import type { NotificationRecord } from "@/lib/notifications/queries";
import type { AcceptedNotification } from "@/lib/notifications/accepted-notification";
import { statusName } from "@/lib/notify-format/status-names";
import { timestamp } from "@/lib/notify-format/timestamps";
import { placeholderNames } from "@/lib/templates/placeholders";
import type { TemplateVersionRecord } from "@/lib/templates/queries";
import type * as schemas from "./schemas";

const root = () => config().publicUrl;

/** A name or email looked up by an optional id (Notify's `created_by_name`, `created_by`). */
export const lookup = (values: Map<string, string>, id: string | null): string | null =>
  id ? (values.get(id) ?? null) : null;
const notificationUri = (id: string) => `${root()}/v2/notifications/${id}`;
const templateUri = (serviceId: string, templateId: string) =>
  `${root()}/services/${serviceId}/templates/${templateId}`;

export function postNotificationResponse(
  notification: AcceptedNotification,
): z.input<typeof schemas.postEmailResponse> | z.input<typeof schemas.postSmsResponse> {
  const common = {
    id: notification.id,
    reference: notification.clientReference,
    uri: notificationUri(notification.id),
    template: {
      id: notification.templateId,
      version: notification.templateVersion,
      uri: templateUri(notification.serviceId, notification.templateId),
    },
    scheduled_for: timestamp(notification.scheduledFor),
  };
  return notification.type === "email"
    ? {
        ...common,
        content: {
          body: notification.body,
          subject: notification.subject ?? "",
          from_email: notification.fromEmail ?? "",
          one_click_unsubscribe_url: notification.unsubscribeUrl,
        },
      }
    : { ...common, content: { body: notification.body, from_number: notification.fromNumber ?? "" } };
}

export function notificationJson(
  notification: NotificationRecord,
  senderName: string | null,
): z.input<typeof schemas.notificationResponse> {
  const sms = notification.type === "sms";
  return {
    id: notification.id,
    reference: notification.clientReference,
    email_address: sms ? null : notification.recipient,
    phone_number: sms ? notification.recipient : null,
    line_1: null,
    line_2: null,
    line_3: null,
    line_4: null,
    line_5: null,
    line_6: null,
    postcode: null,
    postage: null,
    type: notification.type,
    status: statusName(notification.status),
    template: {
      id: notification.templateId,
      version: notification.templateVersion,
      uri: templateUri(notification.serviceId, notification.templateId),
    },
    body: notification.body,
    subject: notification.subject,
    created_at: timestamp(notification.createdAt),
    created_by_name: senderName,
    sent_at: timestamp(notification.sentAt),
    completed_at: timestamp(notification.completedAt),
    scheduled_for: timestamp(notification.scheduledFor),
    one_click_unsubscribe_url: notification.unsubscribeUrl,
    // At the configured rates (SMS_FRAGMENT_RATE, EMAIL_RATE), before any free allowance, as Notify's.
    is_cost_data_ready: true,
    cost_in_pounds: sms
      ? Math.round(notification.billableUnits * config().SMS_FRAGMENT_RATE * 10_000) / 10_000
      : config().EMAIL_RATE,
    cost_details: sms
      ? {
          billable_sms_fragments: notification.billableUnits,
          international_rate_multiplier: 1,
          sms_rate: config().SMS_FRAGMENT_RATE,
        }
      : {},
  };
}

export function templateJson(
  template: TemplateVersionRecord & { updatedAt?: Date; firstCreatedAt?: Date },
  createdByEmail: string | null,
): z.input<typeof schemas.templateResponse> {
  const names = placeholderNames(template.subject, template.content);
  return {
    id: template.templateId,
    type: template.type,
    created_at: timestamp(template.firstCreatedAt ?? template.createdAt),
    updated_at: template.version > 1 ? timestamp(template.createdAt) : null,
    created_by: createdByEmail,
    version: template.version,
    body: template.content,
    subject: template.type === "email" ? template.subject : null,
    name: template.name,
    personalisation: Object.fromEntries(names.map((name) => [name, { required: true }])),
    postage: null,
    letter_contact_block: null,
  };
}

export function receivedTextJson(message: InboundSmsRecord) {
  return {
    id: message.id,
    user_number: message.userNumber,
    notify_number: message.notifyNumber,
    content: message.content,
    created_at: timestamp(message.createdAt),
    service_id: message.serviceId,
  };
}

/** Notify's page links: `next` (older_than the last item) whenever the page has items. */
export function pageLinks(
  path: string,
  params: URLSearchParams,
  lastId: string | undefined,
): { current: string; next?: string } {
  const current = `${root()}${path}${params.size ? `?${params}` : ""}`;
  if (!lastId) return { current };
  const next = new URLSearchParams(params);
  next.set("older_than", lastId);
  return { current, next: `${root()}${path}?${next}` };
}

const JOB_STATUS_NAMES = {
  scheduled: "scheduled",
  pending: "pending",
  in_progress: "in progress",
  finished: "finished",
  cancelled: "cancelled",
  sending_limits_exceeded: "sending limits exceeded",
  error: "error",
} as const;

/** A job as POST /v2/notifications/bulk and GET /v2/jobs/{id} answer it (Canada's fork's fields). */
export function jobJson(job: JobWithCounts): z.input<typeof schemas.jobResponse> {
  return {
    data: {
      id: job.id,
      original_file_name: job.name,
      job_status: JOB_STATUS_NAMES[job.status],
      notification_count: job.rowCount,
      template: job.templateId,
      template_version: job.templateVersion,
      service: job.serviceId,
      created_at: timestamp(job.createdAt),
      scheduled_for: timestamp(job.scheduledFor),
      processing_started: timestamp(job.startedAt),
      processing_finished: timestamp(job.finishedAt),
      statistics: Object.entries(job.counts).map(([status, count]) => ({
        status: statusName(status as NotificationStatus),
        count: count ?? 0,
      })),
    },
  };
}

/** A mailing list's subscriber, as GET /v2/lists/{id}/subscribers answers (Tidings' addition). */
export function subscriberJson(subscriber: SubscriberView): z.infer<typeof schemas.subscriberResponse> {
  return {
    email_address: subscriber.email,
    name: subscriber.name,
    attributes: subscriber.attributes,
    status: subscriber.status,
    created_at: timestamp(subscriber.createdAt),
    updated_at: timestamp(subscriber.updatedAt),
  };
}
