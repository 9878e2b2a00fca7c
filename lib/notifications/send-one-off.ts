import "server-only";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { SENDING_SERVICE_FIELDS } from "@/lib/services/sending-service";
import { db } from "@/lib/db";
import { AppError, isAppError, notFound } from "@/lib/errors";
import { placeholderNames } from "@/lib/templates/placeholders";
import { emailBrandingOfService } from "@/lib/branding/queries";
import { renderedForPeople } from "@/lib/templates/rendered-for-people";
import { findCurrentTemplate } from "@/lib/templates/queries";
import {
  prepareNotification,
  sendNotification,
  type SendContext,
  type SendNotificationInput,
} from "./send-notification";
import { resolveRecipient } from "./resolve-recipient";
import { parseConsoleSchedule } from "./scheduled-notifications";

export type OneOffForm = {
  recipient: string;
  personalisation: Record<string, string>;
  senderId: string | null;
  /** "Later": the date and time chosen (UTC), as the form posts it; null for now. */
  scheduledFor?: string | null;
};
type Sender = { id: string; label: string; isDefault: boolean };

/** What the console's send form needs: the template, its placeholders and the service's senders to choose from. */
export async function oneOffOptions(serviceId: string, templateId: string) {
  const template = await findCurrentTemplate(serviceId, templateId);
  if (!template || template.archived) throw notFound("Template");
  const senders: Sender[] =
    template.type === "email"
      ? (
          await db.serviceEmailReplyTo.findMany({
            where: { serviceId, archivedAt: null },
            orderBy: { createdAt: "asc" },
            select: { id: true, emailAddress: true, isDefault: true },
          })
        ).map((entry) => ({ id: entry.id, label: entry.emailAddress, isDefault: entry.isDefault }))
      : (
          await db.serviceSmsSender.findMany({
            where: { serviceId, archivedAt: null },
            orderBy: { createdAt: "asc" },
            select: { id: true, sender: true, isDefault: true },
          })
        ).map((entry) => ({ id: entry.id, label: entry.sender, isDefault: entry.isDefault }));
  return { template, placeholders: placeholderNames(template.subject, template.content), senders };
}

async function sendingContext(serviceId: string, userId: string | null): Promise<SendContext> {
  const service = await db.service.findUnique({ where: { id: serviceId }, select: SENDING_SERVICE_FIELDS });
  if (!service) throw notFound("Service");
  return { service, keyType: "normal", createdById: userId };
}

// Every field is checked at once, so that the errors come in one round, in the order of the form.
function toInput(
  type: "email" | "sms",
  templateId: string,
  placeholders: string[],
  form: OneOffForm,
): SendNotificationInput {
  const fieldErrors: Record<string, string> = {};
  if (!form.recipient.trim())
    fieldErrors.recipient = type === "email" ? "Enter an email address" : "Enter a mobile number";
  else
    try {
      resolveRecipient(type, form.recipient);
    } catch (error) {
      fieldErrors.recipient = recipientProblem(error);
    }
  for (const name of placeholders)
    if (!form.personalisation[name]?.trim()) fieldErrors[`p:${name}`] = `Enter a value for ((${name}))`;
  let scheduledFor: Date | null = null;
  try {
    scheduledFor = parseConsoleSchedule(form.scheduledFor ?? null);
  } catch (error) {
    if (!isAppError(error, "validation")) throw error;
    Object.assign(fieldErrors, error.fieldErrors);
  }
  if (Object.keys(fieldErrors).length > 0) throw new AppError("validation", "Fill in every field", fieldErrors);
  return {
    type,
    templateId,
    recipient: form.recipient,
    personalisation: form.personalisation,
    scheduledFor,
    ...(type === "email" ? { emailReplyToId: form.senderId } : { smsSenderId: form.senderId }),
  };
}

/** How the console words an email address it cannot send to (the API words it as Notify does). */
const EMAIL_FORMAT_MESSAGE = "Enter an email address in the correct format, like name@example.com";
const TRIAL_MODE_MESSAGE =
  "Your service is in trial mode: you can only send to your team and the people on your guest list";
const INTERNATIONAL_MESSAGE = "Your service cannot send to mobile numbers outside the UK";

function recipientProblem(error: unknown): string {
  if (!isAppError(error)) throw error;
  if (error.fieldErrors.email_address) return EMAIL_FORMAT_MESSAGE;
  if (error.fieldErrors.phone_number) return error.fieldErrors.phone_number.replace(/^phone_number /, "");
  throw error;
}

// lib's sending rules word refusals for API clients; the console says them to people.
function asFieldError(error: unknown): never {
  if (isAppError(error) && (error.fieldErrors.email_address || error.fieldErrors.phone_number))
    throw new AppError("validation", error.message, { recipient: recipientProblem(error) });
  if (isAppError(error, "bad_request") && /trial mode/i.test(error.message))
    throw new AppError("validation", TRIAL_MODE_MESSAGE, { recipient: TRIAL_MODE_MESSAGE });
  if (isAppError(error, "bad_request") && /international/i.test(error.message))
    throw new AppError("validation", INTERNATIONAL_MESSAGE, { recipient: INTERNATIONAL_MESSAGE });
  if (isAppError(error, "bad_request") && /recipient/i.test(error.message))
    throw new AppError("validation", error.message, { recipient: error.message });
  throw error;
}

/** The check step: the message exactly as it will be sent, or errors beside the fields. Nothing is stored. */
export async function checkOneOff({
  actor,
  serviceId,
  templateId,
  form,
}: ServiceWrite<{ templateId: string; form: OneOffForm }>) {
  await requireServicePermission(actor, serviceId, "send_messages");
  const { template, placeholders } = await oneOffOptions(serviceId, templateId);
  const input = toInput(template.type, templateId, placeholders, form);
  const context = await sendingContext(serviceId, actor.userId);
  const prepared = await prepareNotification(context, input).catch(asFieldError);
  return {
    type: template.type,
    to: prepared.row.recipient,
    subject: prepared.notification.subject,
    ...renderedForPeople(
      template,
      form.personalisation,
      prepared.notification.body,
      context.service,
      template.type === "email" ? await emailBrandingOfService(serviceId) : null,
    ),
    replyTo: prepared.row.replyTo,
    smsSender: prepared.row.smsSender,
    scheduledFor: input.scheduledFor ?? null,
  };
}

/** Sends one message from the console, by the same rules and pipeline as the API. Returns the notification's id. */
export async function sendOneOff({
  actor,
  serviceId,
  templateId,
  form,
}: ServiceWrite<{ templateId: string; form: OneOffForm }>): Promise<string> {
  await requireServicePermission(actor, serviceId, "send_messages");
  const { template, placeholders } = await oneOffOptions(serviceId, templateId);
  const result = await sendNotification(
    await sendingContext(serviceId, actor.userId),
    toInput(template.type, templateId, placeholders, form),
  ).catch(asFieldError);
  return result.notification!.id;
}
