import "server-only";
import type { z } from "zod";
import { config } from "@/lib/config";
import type { InboundSmsRecord } from "@/lib/inbound-sms/queries";
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
    // Tidings does not bill; the fields are here for clients that read them.
    is_cost_data_ready: true,
    cost_in_pounds: 0,
    cost_details: sms
      ? { billable_sms_fragments: notification.billableUnits, international_rate_multiplier: 1, sms_rate: 0 }
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
