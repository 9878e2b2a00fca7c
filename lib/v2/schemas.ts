import "server-only";
import { z } from "zod";

/**
 * The v2 API's request and response shapes, with GOV.UK Notify's field names. The same schemas
 * validate requests (lib/v2/route.ts) and generate the OpenAPI document (lib/v2/openapi.ts).
 * They check shape only; the rules of sending live in lib/notifications.
 */

// PostgreSQL's text and jsonb cannot hold NUL, and an unpaired surrogate is not Unicode at all:
// such values are refused as invalid rather than failing when they are stored.
const UNSTORABLE_TEXT = "must not contain NUL characters or unpaired surrogates";
const isStorable = (value: string) => value.isWellFormed() && !value.includes("\u0000");
const text = () => z.string().refine(isStorable, UNSTORABLE_TEXT);

/** Whether every string in a parsed JSON value, keys included, is storable (walked without recursion: JSON can nest deeply). */
function isStorableJson(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string") {
      if (!isStorable(value)) return false;
    } else if (Array.isArray(value)) pending.push(...value);
    else if (value && typeof value === "object")
      for (const [key, entry] of Object.entries(value)) {
        if (!isStorable(key)) return false;
        pending.push(entry);
      }
  }
  return true;
}

export const uuidString = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "is not a valid UUID");
const uuid = uuidString.meta({ format: "uuid" });
const reference = text()
  .max(1000)
  .nullable()
  .describe(
    "Your own reference for the message, at most 1,000 characters; searchable with GET /v2/notifications?reference=",
  );
const personalisation = z
  .record(z.string(), z.unknown())
  .refine(isStorableJson, UNSTORABLE_TEXT)
  .describe(
    "Values for the template's ((placeholders)), by name. Names match whatever their case, spaces, hyphens and underscores.",
  );
const scheduledFor = text()
  .nullable()
  .describe("ISO 8601 date and time (UTC if no offset) to send at, up to 7 days ahead.");

export const postEmailRequest = z
  .strictObject({
    email_address: text().describe("Recipient's email address"),
    template_id: uuid.describe("An email template's id"),
    personalisation: personalisation.optional(),
    reference: reference.optional(),
    email_reply_to_id: uuid
      .optional()
      .describe("Id of one of the service's reply-to addresses; the default is used otherwise"),
    one_click_unsubscribe_url: text()
      .optional()
      .describe("HTTPS URL that unsubscribes the recipient in one click (sent as List-Unsubscribe headers)"),
    scheduled_for: scheduledFor.optional(),
    sanitise_content_for: z
      .array(z.string())
      .optional()
      .describe(
        "Names of personalisation values to show exactly as written: never as formatting (Tidings never reads any value as formatting) nor as a link (anything link-like in them is broken up with a zero-width space). The answer then has sanitised_content.",
      ),
  })
  .meta({ id: "PostEmailRequest" });

export const postSmsRequest = z
  .strictObject({
    phone_number: text().describe("Recipient's mobile number; national numbers are read as SMS_HOME_COUNTRY's"),
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
  reference: text().optional(),
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
    sanitised_content: z
      .record(z.string(), z.object({ unsanitised: z.string(), sanitised: z.string() }))
      .optional()
      .describe("With sanitise_content_for: each named value as given and as sent"),
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

/** Most rows one request to the bulk endpoint may carry (a bigger list is uploaded in the console). */
const MAX_BULK_API_ROWS = 100_000;

export const postBulkRequest = z
  .strictObject({
    name: text().min(1).max(255).describe("A name for the job, shown in the console as its file name"),
    template_id: uuid.describe("The template every row is sent with"),
    rows: z
      .array(z.array(text().max(10_000)).max(1_000))
      .min(1)
      .max(MAX_BULK_API_ROWS + 1)
      .optional()
      .describe(
        "The recipients as rows of cells, the first row being the column headings: `email address` or `phone number`, and a column per placeholder. Give `rows` or `csv`.",
      ),
    csv: text()
      .optional()
      .describe("The same as a CSV file (the first line being the column headings). Give `rows` or `csv`."),
    reference: reference.optional(),
    scheduled_for: scheduledFor.optional(),
    reply_to_id: uuid
      .nullable()
      .optional()
      .describe("An email reply-to address's id (email templates) or an SMS sender's id (text message templates)"),
  })
  .meta({ id: "PostBulkRequest" });

export const jobResponse = z
  .object({
    data: z.object({
      id: uuid,
      original_file_name: z.string(),
      job_status: z
        .enum(["scheduled", "pending", "in progress", "finished", "cancelled", "sending limits exceeded", "error"])
        .describe("Notify's job statuses: `finished` once every row is a notification"),
      notification_count: z.number().int().describe("Rows in the job"),
      template: uuid,
      template_version: z.number().int(),
      service: uuid,
      created_at: timestamp,
      scheduled_for: timestamp.nullable(),
      processing_started: timestamp.nullable(),
      processing_finished: timestamp.nullable(),
      statistics: z
        .array(z.object({ status: z.string(), count: z.number().int() }))
        .describe("Notifications of the job by status (Notify's status names)"),
    }),
  })
  .meta({ id: "Job" });
// Mailing lists (Tidings' addition: GOV.UK Notify has no lists).
const attributes = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .describe("Any other values, by name; they fill the campaign template's ((placeholders)) of the same name.");

export const postSubscriberRequest = z
  .strictObject({
    email_address: text().describe("The subscriber's email address; a subscriber already on the list is updated"),
    name: text().max(200).nullable().optional(),
    attributes: attributes.optional(),
  })
  .meta({ id: "PostSubscriberRequest" });

export const subscriberResponse = z
  .object({
    email_address: z.string(),
    name: z.string().nullable(),
    attributes: z.record(z.string(), z.unknown()),
    status: z.enum(["subscribed", "unsubscribed", "bounced", "complained"]),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "Subscriber" });

export const postSubscriberResponse = z
  .object({ added: z.boolean().describe("True if the address was new to the list, false if it was updated") })
  .meta({ id: "PostSubscriberResponse" });

export const subscribersResponse = z
  .object({ subscribers: z.array(subscriberResponse), total: z.number().int() })
  .meta({ id: "SubscriberList" });

export const getSubscribersQuery = z.strictObject({
  email_address: text().optional().describe("Only the subscriber with this address"),
  page: z
    .string()
    .regex(/^\d{1,6}$/, "is not a valid page number")
    .transform(Number)
    .optional()
    .describe("Page of 250, newest first"),
});

export const deleteSubscriberQuery = z.strictObject({
  email_address: text().describe("The address to take off the list"),
});

export const removedSubscriberResponse = z
  .object({ removed: z.literal(true) })
  .meta({ id: "RemovedSubscriberResponse" });
