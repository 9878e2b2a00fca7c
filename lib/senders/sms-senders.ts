import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { invalidateSettings } from "@/lib/cache/settings-cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { changeSender, type SenderChange, type SenderKind } from "./change-sender";

// What carriers accept as a sender: a phone number, or 3 to 11 letters and digits with at least one letter.
const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{3,11}$/;
const PHONE_SENDER = /^\+?[1-9]\d{6,14}$/;

function checkedSender(raw: string): string {
  const sender = raw.trim();
  if (!sender)
    throw new AppError("validation", "Enter a text message sender", { sender: "Enter a text message sender" });
  if (ALPHANUMERIC_SENDER.test(sender) || PHONE_SENDER.test(sender.replace(/[\s()-]/g, "")))
    return ALPHANUMERIC_SENDER.test(sender) ? sender : sender.replace(/[\s()-]/g, "");
  const message =
    "Text message senders must be a phone number, or 3 to 11 letters and numbers with at least one letter";
  throw new AppError("validation", message, { sender: message });
}

/** Lists a service's current text message senders, default first. */
export async function listSmsSenders(serviceId: string) {
  return db.serviceSmsSender.findMany({
    where: { serviceId, archivedAt: null },
    orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
    select: { id: true, sender: true, isDefault: true },
  });
}

/** Adds a sender; the first one, or one marked so, becomes the default. Needs "manage service". */
export async function addSmsSender({
  actor,
  serviceId,
  ...input
}: ServiceWrite<{ sender: string; isDefault?: boolean }>) {
  await requireServicePermission(actor, serviceId, "manage_service");
  const sender = checkedSender(input.sender);
  // The account's own numbers are given to services by platform admins (Phone numbers), never typed in.
  if (await db.phoneNumber.findFirst({ where: { number: sender, releasedAt: null }, select: { id: true } })) {
    const message =
      "This number is one of the platform's phone numbers: ask a platform admin to give it to the service";
    throw new AppError("validation", message, { sender: message });
  }
  await db.$transaction(async (tx) => {
    const existing = await tx.serviceSmsSender.count({ where: { serviceId, archivedAt: null } });
    const isDefault = existing === 0 || Boolean(input.isDefault);
    if (isDefault)
      await tx.serviceSmsSender.updateMany({ where: { serviceId, isDefault: true }, data: { isDefault: false } });
    const created = await tx.serviceSmsSender.create({ data: { serviceId, sender, isDefault }, select: { id: true } });
    await recordAuditEvent(tx, {
      action: "sms_sender.added",
      serviceId,
      userId: actor.userId,
      subjectType: "sms_sender",
      subjectId: created.id,
      details: { sender, isDefault },
    });
  });
  invalidateSettings(serviceId);
}

const SMS_SENDER: SenderKind = {
  table: (tx) => tx.serviceSmsSender,
  label: "Text message sender",
  noun: "sender",
  auditPrefix: "sms_sender",
};

/** Makes a sender the default, or removes it (a default can only be removed last). Needs "manage settings". */
export async function changeSmsSender(write: ServiceWrite<{ senderId: string; change: SenderChange }>): Promise<void> {
  await changeSender({ ...write, kind: SMS_SENDER });
}
