import "server-only";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { SENDING_SERVICE_FIELDS } from "@/lib/services/sending-service";
import { db } from "@/lib/db";
import { AppError, isAppError, notFound } from "@/lib/errors";
import { placeholderNames } from "@/lib/templates/placeholders";
import { findCurrentTemplate } from "@/lib/templates/queries";
import {
  prepareNotification,
  sendNotification,
  type SendContext,
  type SendNotificationInput,
} from "./send-notification";

export type OneOffForm = { recipient: string; personalisation: Record<string, string>; senderId: string | null };
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

function toInput(
  type: "email" | "sms",
  templateId: string,
  placeholders: string[],
  form: OneOffForm,
): SendNotificationInput {
  const empty = placeholders.filter((name) => !form.personalisation[name]?.trim());
  const fieldErrors: Record<string, string> = Object.fromEntries(
    empty.map((name) => [`p:${name}`, `Enter a value for ((${name}))`]),
  );
  if (!form.recipient.trim())
    fieldErrors.recipient = type === "email" ? "Enter an email address" : "Enter a mobile number";
  if (Object.keys(fieldErrors).length > 0) throw new AppError("validation", "Fill in every field", fieldErrors);
  return {
    type,
    templateId,
    recipient: form.recipient,
    personalisation: form.personalisation,
    ...(type === "email" ? { emailReplyToId: form.senderId } : { smsSenderId: form.senderId }),
  };
}

// lib's sending rules name API fields; the form has one recipient field.
function asFieldError(error: unknown): never {
  if (isAppError(error) && (error.fieldErrors.email_address || error.fieldErrors.phone_number)) {
    throw new AppError("validation", error.message, {
      recipient: (error.fieldErrors.email_address ?? error.fieldErrors.phone_number)!
        .replace(/^(email_address|phone_number) /, "")
        .replace(/^./, (first) => first.toUpperCase()),
    });
  }
  if (isAppError(error, "bad_request") && /recipient|trial mode|international/i.test(error.message))
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
  const prepared = await prepareNotification(await sendingContext(serviceId, actor.userId), input).catch(asFieldError);
  return {
    type: template.type,
    to: prepared.row.recipient,
    subject: prepared.notification.subject,
    body: prepared.notification.body,
    replyTo: prepared.row.replyTo,
    smsSender: prepared.row.smsSender,
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
