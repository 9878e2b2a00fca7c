import "server-only";
import { v7 as uuidv7 } from "uuid";
import type { SendingService } from "@/lib/services/sending-service";
import { config } from "@/lib/config";
import { isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { KeyType, NotificationType, Prisma } from "@/lib/generated/prisma/client";
import { reserveDailyMessages, type DailyReservation } from "@/lib/limits/daily-message-limit";
import { missingPersonalisation } from "@/lib/templates/placeholders";
import { findCurrentTemplate, type TemplateVersionRecord } from "@/lib/templates/queries";
import { EMAIL_BYTE_LIMIT, emailBytesOverLimit, renderEmail, renderSms } from "@/lib/templates/render";
import { SMS_CHARACTER_LIMIT, smsPrefixOf } from "@/lib/templates/sms";
import { isTeamOrGuestListRecipient } from "./allowed-recipients";
import { deliveryQueueFor } from "./delivery-queue";
import type { AcceptedNotification } from "./accepted-notification";
import { findIdempotentResponse, type Idempotency } from "./idempotency";
import { resolveRecipient, type ResolvedRecipient } from "./resolve-recipient";
import { resolveEmailReplyTo, resolveSmsSender } from "./senders";
import { checkSenderCanText } from "@/lib/phone-numbers/check-sender";
import { findSuppression, suppressedRecipientMessage } from "@/lib/suppression/suppression-list";
import { storeAcceptedNotification, type NewNotificationRow, type IdempotentResponse } from "./store-accepted";

export type SendNotificationInput = {
  type: NotificationType;
  templateId: string;
  recipient: string;
  personalisation?: Record<string, unknown> | null;
  reference?: string | null;
  emailReplyToId?: string | null;
  smsSenderId?: string | null;
  unsubscribeUrl?: string | null;
  scheduledFor?: Date | null;
};

export type SendContext = {
  service: SendingService;
  keyType: KeyType;
  apiKeyId?: string | null;
  /** A staff member sending from the console. */
  createdById?: string | null;
  idempotency?: Idempotency;
};

export type SendResult =
  | { notification: AcceptedNotification; replayed?: never }
  | { replayed: { statusCode: number; body: unknown }; notification?: never };

const badRequest = (message: string) => new AppError("bad_request", message);

export type PreparedNotification = {
  row: NewNotificationRow;
  notification: AcceptedNotification;
  countsTowardLimit: boolean;
  queue: ReturnType<typeof deliveryQueueFor>;
};

export type CheckedNotification = {
  template: TemplateVersionRecord;
  personalisation: Record<string, unknown>;
  recipient: ResolvedRecipient;
  content: { subject: string | null; body: string; billableUnits: number };
  sender: ResolvedSenders;
  /** False for test keys and simulated recipients, which are neither counted nor checked against suppression. */
  countsTowardLimit: boolean;
};

export type PrepareOptions = {
  /** False when the caller checks the suppression list itself (in the statement that stores, or for many rows at once). */
  checkSuppressionNow?: boolean;
  /** The template version to send (a bulk send keeps the version it was checked against) instead of the current one. */
  template?: TemplateVersionRecord;
  /** Trial mode and team keys: whether a recipient is a member or on the guest list, known beforehand for many rows. */
  isAllowedRecipient?: (normalisedRecipient: string) => boolean;
  /** The sender, resolved once for many rows (resolveSenders). */
  sender?: ResolvedSenders;
  /** A bulk send's row: its notification goes to the bulk delivery queue, which leaves send tokens for the API. */
  bulk?: boolean;
};

export type ResolvedSenders = { replyTo: string | null; smsSender: string | null };

/** The reply-to address (email) or sender (text message) a message goes with: the chosen one or the service's default. */
export async function resolveSenders(
  serviceId: string,
  input: Pick<SendNotificationInput, "type" | "emailReplyToId" | "smsSenderId">,
): Promise<ResolvedSenders> {
  return input.type === "email"
    ? { replyTo: await resolveEmailReplyTo(serviceId, input.emailReplyToId), smsSender: null }
    : { replyTo: null, smsSender: await resolveSmsSender(serviceId, input.smsSenderId) };
}

/**
 * Checks one message by GOV.UK Notify's rules, for the API and the console alike (template,
 * personalisation, recipient: trial mode, team keys, international, suppression; size) and renders
 * it, without storing anything: the console's check step shows what this returns.
 */
export async function prepareNotification(
  context: SendContext,
  input: SendNotificationInput,
  options: PrepareOptions = {},
): Promise<PreparedNotification> {
  const { service, keyType } = context;
  const { template, personalisation, recipient, content, sender, countsTowardLimit } = await checkNotification(
    context,
    input,
    options,
  );

  const data = {
    id: uuidv7(),
    createdAt: new Date(),
    serviceId: service.id,
    templateId: template.templateId,
    templateVersion: template.version,
    type: input.type,
    recipient: recipient.asGiven,
    normalisedRecipient: recipient.normalised,
    personalisation: personalisation as Prisma.InputJsonObject,
    subject: content.subject,
    body: content.body,
    clientReference: input.reference ?? null,
    apiKeyId: context.apiKeyId ?? null,
    keyType,
    createdById: context.createdById ?? null,
    replyTo: sender.replyTo,
    smsSender: sender.smsSender,
    unsubscribeUrl: input.type === "email" ? (input.unsubscribeUrl ?? null) : null,
    billableUnits: content.billableUnits,
    international: recipient.international,
    scheduledFor: input.scheduledFor ?? null,
    refuseIfSuppressed: countsTowardLimit,
  } satisfies NewNotificationRow;
  const notification: AcceptedNotification = {
    id: data.id,
    serviceId: service.id,
    type: input.type,
    clientReference: data.clientReference,
    templateId: template.templateId,
    templateVersion: template.version,
    subject: content.subject,
    body: content.body,
    fromEmail: input.type === "email" ? `${service.emailSenderLocalPart}@${config().emailDomain}` : null,
    fromNumber: sender.smsSender,
    unsubscribeUrl: data.unsubscribeUrl,
    scheduledFor: data.scheduledFor,
    createdAt: data.createdAt,
  };
  return {
    row: data,
    notification,
    countsTowardLimit,
    queue: deliveryQueueFor(input.type, template.processType, options.bulk ?? false),
  };
}

/**
 * prepareNotification's checks and rendering, without the row it would store: what a bulk file's
 * check asks of each of its rows. Throws the error a send would.
 */
export async function checkNotification(
  context: SendContext,
  input: SendNotificationInput,
  options: PrepareOptions = {},
): Promise<CheckedNotification> {
  const { service, keyType } = context;
  const template = options.template ?? (await findCurrentTemplate(service.id, input.templateId));
  if (!template) throw badRequest("Template not found");
  if (template.archived) throw badRequest("Template has been deleted");
  if (template.type !== input.type)
    throw badRequest(`${template.type} template is not suitable for ${input.type} notification`);

  const personalisation = input.personalisation ?? {};
  const missing = missingPersonalisation([template.subject, template.content], personalisation);
  if (missing.length > 0) throw badRequest(`Missing personalisation: ${missing.join(", ")}`);

  const recipient = resolveRecipient(input.type, input.recipient);
  if (!recipient.simulated && keyType !== "test") {
    if (keyType === "team" || service.trialMode) {
      const allowed = options.isAllowedRecipient
        ? options.isAllowedRecipient(recipient.normalised)
        : await isTeamOrGuestListRecipient(service.id, input.type, recipient.normalised);
      if (!allowed) {
        throw badRequest(
          keyType === "team"
            ? "Can’t send to this recipient using a team-only API key"
            : `Can’t send to this recipient when service is in trial mode – see ${config().publicUrl}/docs/trial-mode`,
        );
      }
    }
    if (recipient.international && !service.canSendInternationalSms)
      throw badRequest("Cannot send to international mobile numbers");
    // Sending checks the suppression list in the statement that stores the message (store-accepted).
    const suppression =
      options.checkSuppressionNow === false
        ? null
        : await findSuppression(service.id, input.type, recipient.normalised);
    if (suppression) throw badRequest(suppressedRecipientMessage(suppression));
  }

  const content =
    input.type === "email"
      ? renderEmailContent(template, personalisation)
      : renderSmsContent(template.content, personalisation, service);
  const sender = options.sender ?? (await resolveSenders(service.id, input));
  if (sender.smsSender) await checkSenderCanText(sender.smsSender, recipient.normalised);
  return {
    template,
    personalisation,
    recipient,
    content,
    sender,
    countsTowardLimit: keyType !== "test" && !recipient.simulated,
  };
}

/**
 * Accepts one message: prepares it, takes it from the daily limit, then stores it as `created` and
 * queues its delivery in one transaction, so that it can neither be lost nor stored without a job.
 */
export async function sendNotification(context: SendContext, input: SendNotificationInput): Promise<SendResult> {
  const { service } = context;
  if (context.idempotency) {
    const replayed = await findIdempotentResponse(service.id, context.idempotency);
    if (replayed) return { replayed };
  }
  const {
    row: data,
    notification,
    countsTowardLimit,
    queue,
  } = await prepareNotification(context, input, { checkSuppressionNow: false });
  const reservation: DailyReservation | null = countsTowardLimit
    ? await reserveDailyMessages(service, input.type)
    : null;
  const idempotentResponse = context.idempotency && idempotencyRecord(service.id, context.idempotency, notification);
  try {
    await storeAcceptedNotification({ data, queue, ...(idempotentResponse ? { idempotentResponse } : {}) });
    return { notification };
  } catch (error) {
    await reservation?.release();
    // The same Idempotency-Key sent twice at once: the first committed, so answer as it did.
    if (context.idempotency && isUniqueViolation(error)) {
      const replayed = await findIdempotentResponse(service.id, context.idempotency);
      if (replayed) return { replayed };
    }
    throw error;
  }
}

function idempotencyRecord(
  serviceId: string,
  idempotency: Idempotency,
  notification: AcceptedNotification,
): IdempotentResponse {
  const { statusCode, body } = idempotency.respond(notification);
  return { serviceId, key: idempotency.key, requestHash: idempotency.requestHash, statusCode, responseBody: body };
}

function renderEmailContent(
  template: { subject: string | null; content: string },
  personalisation: Record<string, unknown>,
) {
  const rendered = renderEmail({ subject: template.subject ?? "", content: template.content }, personalisation);
  if (!rendered.body.trim()) throw badRequest("Your message is empty.");
  const bytes = emailBytesOverLimit(rendered);
  if (bytes !== null)
    throw badRequest(
      `Your message is too long. Emails cannot be longer than ${EMAIL_BYTE_LIMIT} bytes. Your message is ${bytes} bytes.`,
    );
  return { subject: rendered.subject, body: rendered.body, billableUnits: 1 };
}

function renderSmsContent(content: string, personalisation: Record<string, unknown>, service: SendingService) {
  const rendered = renderSms(content, personalisation, { prefix: smsPrefixOf(service) });
  if (!rendered.body.trim()) throw badRequest("Your message is empty.");
  if (rendered.length.tooLong) {
    throw badRequest(
      `Your message is too long. Text messages cannot be longer than ${SMS_CHARACTER_LIMIT} characters. Your message is ${rendered.length.characters} characters.`,
    );
  }
  return { subject: null, body: rendered.body, billableUnits: rendered.length.fragments };
}
