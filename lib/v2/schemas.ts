import "server-only";
import { z } from "zod";

/**
 * The v2 API's request and response shapes, with GOV.UK Notify's field names. The same schemas
 * validate requests (lib/v2/route.ts) and generate the OpenAPI document (lib/v2/openapi.ts).
 * They check shape only; the rules of sending live in lib/notifications.
 */

export const uuidString = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "is not a valid UUID");
const uuid = uuidString.meta({ format: "uuid" });
const reference = z
  .string()
  .max(1000)
  .nullable()
  .describe(
    "Your own reference for the message, at most 1,000 characters; searchable with GET /v2/notifications?reference=",
  );
const personalisation = z
  .record(z.string(), z.unknown())
  .describe(
    "Values for the template's ((placeholders)), by name. Names match whatever their case, spaces, hyphens and underscores.",
  );
const scheduledFor = z
  .string()
  .nullable()
  .describe("ISO 8601 date and time (UTC if no offset) to send at, up to 7 days ahead.");

export const postEmailRequest = z
  .strictObject({
    email_address: z.string().describe("Recipient's email address"),
    template_id: uuid.describe("An email template's id"),
    personalisation: personalisation.optional(),
    reference: reference.optional(),
    email_reply_to_id: uuid
      .optional()
      .describe("Id of one of the service's reply-to addresses; the default is used otherwise"),
    one_click_unsubscribe_url: z
      .string()
      .optional()
      .describe("HTTPS URL that unsubscribes the recipient in one click (sent as List-Unsubscribe headers)"),
    scheduled_for: scheduledFor.optional(),
    sanitise_content_for: z
      .array(z.string())
      .optional()
      .describe("Accepted for compatibility; Tidings always shows personalisation as literal text"),
  })
  .meta({ id: "PostEmailRequest" });

export const postSmsRequest = z
  .strictObject({
    phone_number: z.string().describe("Recipient's mobile number; national numbers are read as SMS_HOME_COUNTRY's"),
    template_id: uuid.describe("A text message template's id"),
    personalisation: personalisation.optional(),
    reference: reference.optional(),
    sms_sender_id: uuid
      .optional()
      .describe("Id of one of the service's text message senders; the default is used otherwise"),
    scheduled_for: scheduledFor.optional(),
  })
  .meta({ id: "PostSmsRequest" });

export const postTemplatePreviewRequest = z
  .strictObject({ personalisation: personalisation.optional() })
  .meta({ id: "PostTemplatePreviewRequest" });

const NOTIFICATION_STATUS_FILTERS = [
  "cancelled",
  "created",
  "sending",
  "sent",
  "delivered",
  "pending",
  "failed",
  "technical-failure",
  "temporary-failure",
  "permanent-failure",
  "pending-virus-check",
  "validation-failed",
  "virus-scan-failed",
  "returned-letter",
  "accepted",
  "received",
] as const;
const TEMPLATE_TYPE_FILTERS = ["sms", "email", "letter"] as const;

export const getNotificationsQuery = z.strictObject({
  template_type: z.array(z.enum(TEMPLATE_TYPE_FILTERS)).optional(),
  status: z.array(z.enum(NOTIFICATION_STATUS_FILTERS)).optional(),
  reference: z.string().optional(),
  older_than: uuid.optional(),
  include_jobs: z.enum(["true", "false", "True", "False"]).optional(),
});

export const getTemplatesQuery = z.strictObject({ type: z.enum(TEMPLATE_TYPE_FILTERS).optional() });
export const olderThanQuery = z.strictObject({ older_than: uuid.optional() });

const timestamp = z.string().describe("ISO 8601, UTC, microseconds: 2026-11-23T10:15:30.123000Z");
const templateReference = z.object({ id: uuid, version: z.number().int(), uri: z.string() });

export const postEmailResponse = z
  .object({
    id: uuid,
    reference: z.string().nullable(),
    content: z.object({
      body: z.string(),
      subject: z.string(),
      from_email: z.string(),
      one_click_unsubscribe_url: z.string().nullable(),
    }),
    uri: z.string(),
    template: templateReference,
    scheduled_for: timestamp.nullable(),
  })
  .meta({ id: "PostEmailResponse" });

export const postSmsResponse = z
  .object({
    id: uuid,
    reference: z.string().nullable(),
    content: z.object({ body: z.string(), from_number: z.string() }),
    uri: z.string(),
    template: templateReference,
    scheduled_for: timestamp.nullable(),
  })
  .meta({ id: "PostSmsResponse" });

export const notificationResponse = z
  .object({
    id: uuid,
    reference: z.string().nullable(),
    email_address: z.string().nullable(),
    phone_number: z.string().nullable(),
    line_1: z.null(),
    line_2: z.null(),
    line_3: z.null(),
    line_4: z.null(),
    line_5: z.null(),
    line_6: z.null(),
    postcode: z.null(),
    postage: z.null(),
    type: z.enum(["email", "sms"]),
    status: z
      .string()
      .describe(
        "created, sending, pending, sent, delivered, permanent-failure, temporary-failure or technical-failure",
      ),
    template: templateReference,
    body: z.string(),
    subject: z.string().nullable(),
    created_at: timestamp,
    created_by_name: z.string().nullable(),
    sent_at: timestamp.nullable(),
    completed_at: timestamp.nullable(),
    scheduled_for: timestamp.nullable(),
    one_click_unsubscribe_url: z.string().nullable(),
    is_cost_data_ready: z.boolean(),
    cost_in_pounds: z.number(),
    cost_details: z.object({
      billable_sms_fragments: z.number().int().optional(),
      international_rate_multiplier: z.number().optional(),
      sms_rate: z.number().optional(),
    }),
  })
  .meta({ id: "Notification" });

const links = z.object({ current: z.string(), next: z.string().optional() });
export const notificationsResponse = z
  .object({ notifications: z.array(notificationResponse), links })
  .meta({ id: "NotificationList" });

export const templateResponse = z
  .object({
    id: uuid,
    type: z.enum(["email", "sms"]),
    created_at: timestamp,
    updated_at: timestamp.nullable(),
    created_by: z.string().nullable(),
    version: z.number().int(),
    body: z.string(),
    subject: z.string().nullable(),
    name: z.string(),
    personalisation: z.record(z.string(), z.object({ required: z.boolean() })),
    postage: z.null(),
    letter_contact_block: z.null(),
  })
  .meta({ id: "Template" });
export const templatesResponse = z.object({ templates: z.array(templateResponse) }).meta({ id: "TemplateList" });

export const templatePreviewResponse = z
  .object({
    id: uuid,
    type: z.enum(["email", "sms"]),
    version: z.number().int(),
    body: z.string(),
    html: z.string().nullable(),
    subject: z.string().nullable(),
    postage: z.null(),
  })
  .meta({ id: "TemplatePreview" });

export const receivedTextMessagesResponse = z
  .object({
    received_text_messages: z.array(
      z.object({
        id: uuid,
        user_number: z.string(),
        notify_number: z.string(),
        content: z.string(),
        created_at: timestamp,
        service_id: uuid,
      }),
    ),
    links,
  })
  .meta({ id: "ReceivedTextMessageList" });

export const errorResponse = z
  .object({ status_code: z.number().int(), errors: z.array(z.object({ error: z.string(), message: z.string() })) })
  .meta({
    id: "Error",
    description: "Every error, in GOV.UK Notify's format. Branch on status_code and error, not on message.",
  });
