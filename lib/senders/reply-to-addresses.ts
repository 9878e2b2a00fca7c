import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { invalidateSettings } from "@/lib/cache/settings-cache";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { sendNotification } from "@/lib/notifications/send-notification";
import { platformService, platformTemplateId } from "@/lib/platform/platform-service";
import { INVALID_EMAIL_MESSAGE, normaliseEmailAddress, validateEmailAddress } from "@/lib/recipients/email";
import { isUuid } from "@/lib/validation";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { changeSender, type SenderChange, type SenderKind } from "./change-sender";

/** Lists a service's current reply-to addresses, default first. */
export async function listReplyToAddresses(serviceId: string) {
  return db.serviceEmailReplyTo.findMany({
    where: { serviceId, archivedAt: null },
    orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
    select: { id: true, emailAddress: true, isDefault: true },
  });
}

/**
 * First step of adding a reply-to address, as Notify does it: Tidings emails the address, and the
 * address is added only once that email is delivered (see confirmReplyToAddress). Returns the id
 * of the check message, which the console follows.
 */
export async function startReplyToCheck({
  actor,
  serviceId,
  rawAddress,
}: ServiceWrite<{ rawAddress: string }>): Promise<string> {
  await requireServicePermission(actor, serviceId, "manage_service");
  const address = validateEmailAddress(rawAddress);
  if (!address)
    throw new AppError("validation", INVALID_EMAIL_MESSAGE, {
      emailAddress: "Enter an email address in the correct format, like name@example.gov",
    });
  const service = await db.service.findUniqueOrThrow({ where: { id: serviceId }, select: { name: true } });
  const platform = await platformService();
  const templateId = await platformTemplateId(platform, "replyToCheck");
  const sent = await sendNotification(
    { service: platform, keyType: "normal", createdById: actor.userId },
    {
      type: "email",
      templateId,
      recipient: address,
      personalisation: { service_name: service.name },
      reference: checkReference(serviceId),
    },
  );
  return sent.notification!.id;
}

export type ReplyToCheck = { status: "waiting" | "delivered" | "failed"; emailAddress: string };

const checkReference = (serviceId: string) => `reply-to-check:${serviceId}`;
/** A cancelled check keeps its message (the platform's own history) under a reference no list reads. */
const cancelledCheckReference = (serviceId: string) => `reply-to-check-cancelled:${serviceId}`;
/** How long a check stays on the senders page unanswered. */
const CHECK_SHOWN_DAYS = 7;

function checkStatusOf(status: string): ReplyToCheck["status"] {
  if (status === "delivered") return "delivered";
  return ["permanent_failure", "temporary_failure", "technical_failure"].includes(status) ? "failed" : "waiting";
}

/**
 * Where a reply-to check stands; a check started for another service is not found.
 * @internal Exported for its tests.
 */
export async function replyToCheckStatus(serviceId: string, checkId: string): Promise<ReplyToCheck> {
  const check = isUuid(checkId)
    ? await db.notification.findFirst({
        where: { id: checkId, clientReference: checkReference(serviceId), service: { isPlatformService: true } },
        select: { status: true, recipient: true },
      })
    : null;
  if (!check) throw notFound("Reply-to check");
  return { status: checkStatusOf(check.status), emailAddress: check.recipient };
}

/**
 * The checks of the last week whose address is not (yet) one of the service's reply-to addresses,
 * the latest per address, newest first: what the senders page lists until each is added or cancelled.
 */
export async function listPendingReplyToChecks(serviceId: string): Promise<(ReplyToCheck & { id: string })[]> {
  const [checks, current] = await Promise.all([
    db.notification.findMany({
      where: {
        clientReference: checkReference(serviceId),
        service: { isPlatformService: true },
        createdAt: { gte: new Date(Date.now() - CHECK_SHOWN_DAYS * 86_400_000) },
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, status: true, recipient: true, normalisedRecipient: true },
    }),
    listReplyToAddresses(serviceId),
  ]);
  const seen = new Set(current.map((entry) => entry.emailAddress));
  return checks.flatMap((check) => {
    if (seen.has(check.normalisedRecipient)) return [];
    seen.add(check.normalisedRecipient);
    return [{ id: check.id, status: checkStatusOf(check.status), emailAddress: check.recipient }];
  });
}

/** Sends the check email again to the address of an earlier check; returns the new check's id. */
export async function resendReplyToCheck({
  actor,
  serviceId,
  checkId,
}: ServiceWrite<{ checkId: string }>): Promise<string> {
  await requireServicePermission(actor, serviceId, "manage_service");
  const { emailAddress } = await replyToCheckStatus(serviceId, checkId);
  return startReplyToCheck({ actor, serviceId, rawAddress: emailAddress });
}

/** Stops offering an address whose check is pending: every check of that address leaves the senders page. */
export async function cancelReplyToCheck({
  actor,
  serviceId,
  checkId,
}: ServiceWrite<{ checkId: string }>): Promise<void> {
  await requireServicePermission(actor, serviceId, "manage_service");
  const { emailAddress } = await replyToCheckStatus(serviceId, checkId);
  await db.notification.updateMany({
    where: {
      clientReference: checkReference(serviceId),
      normalisedRecipient: normaliseEmailAddress(emailAddress),
      service: { isPlatformService: true },
    },
    data: { clientReference: cancelledCheckReference(serviceId) },
  });
}

/** Adds the address once its check email was delivered; the first address becomes the default. */
export async function confirmReplyToAddress({
  actor,
  serviceId,
  checkId,
}: ServiceWrite<{ checkId: string }>): Promise<void> {
  await requireServicePermission(actor, serviceId, "manage_service");
  const check = await replyToCheckStatus(serviceId, checkId);
  if (check.status !== "delivered")
    throw new AppError("conflict", "The check email has not been delivered yet", {
      emailAddress: "We have not been able to deliver the check email to this address",
    });
  const emailAddress = normaliseEmailAddress(check.emailAddress);
  await db.$transaction(async (tx) => {
    if (
      await tx.serviceEmailReplyTo.findFirst({
        where: { serviceId, emailAddress, archivedAt: null },
        select: { id: true },
      })
    )
      return;
    const isDefault = (await tx.serviceEmailReplyTo.count({ where: { serviceId, archivedAt: null } })) === 0;
    const created = await tx.serviceEmailReplyTo.create({
      data: { serviceId, emailAddress, isDefault },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      action: "reply_to.added",
      serviceId,
      userId: actor.userId,
      subjectType: "reply_to",
      subjectId: created.id,
      details: { isDefault },
    });
  });
  invalidateSettings(serviceId);
}

const REPLY_TO_ADDRESS: SenderKind = {
  table: (tx) => tx.serviceEmailReplyTo,
  label: "Reply-to address",
  noun: "address",
  auditPrefix: "reply_to",
};

/** Makes an address the default, or removes it (a default only when it is the last). Needs "manage settings". */
export async function changeReplyToAddress({
  replyToId,
  ...write
}: ServiceWrite<{ replyToId: string; change: SenderChange }>): Promise<void> {
  await changeSender({ ...write, kind: REPLY_TO_ADDRESS, senderId: replyToId });
}
