import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { requirePlatformAdmin, type PlatformWrite, type ServiceWrite } from "@/lib/permissions";
import { assignPhoneNumber, unassignPhoneNumber } from "@/lib/phone-numbers/assign-phone-number";
import { isUuid } from "@/lib/validation";

const E164 = /^\+[1-9]\d{6,14}$/;

/** The account's phone number (End User Messaging SMS) with this E.164, if Tidings knows it and it is not released. */
const accountPhoneNumber = (number: string) =>
  db.phoneNumber.findFirst({ where: { number, releasedAt: null }, select: { awsId: true } });

/**
 * Gives a service one of the platform's phone numbers for receiving texts (its two-way channel must
 * publish to the inbound SNS topic). A number belongs to one service at a time. Platform admins only.
 */
export async function assignInboundNumber({
  actor,
  serviceId,
  number,
}: ServiceWrite<{ number: string }>): Promise<void> {
  requirePlatformAdmin(actor);
  const e164 = number.replace(/[\s()-]/g, "");
  // Every field's problem at once, in the order of the form's fields.
  const errors: Record<string, string> = {};
  if (!E164.test(e164)) errors.number = "Enter the number in international format, like +447700900123";
  if (!serviceId) errors.serviceId = "Choose the service that receives texts to this number";
  const [first] = Object.values(errors);
  if (first) throw new AppError("validation", first, errors);
  if (!isUuid(serviceId) || !(await db.service.findUnique({ where: { id: serviceId }, select: { id: true } })))
    throw notFound("Service");
  // One of the account's own numbers: its two-way messaging must be pointed at Tidings too, and put
  // back when it is taken back, which the phone numbers page does.
  const accountNumber = await accountPhoneNumber(e164);
  if (accountNumber)
    return assignPhoneNumber({ actor, serviceId, awsId: accountNumber.awsId, asSender: false, asInbound: true });
  await db.$transaction(async (tx) => {
    const existing = await tx.inboundNumber.findUnique({
      where: { number: e164 },
      select: { serviceId: true, active: true },
    });
    if (existing?.serviceId && existing.serviceId !== serviceId && existing.active)
      throw new AppError("conflict", "This number already belongs to another service", {
        number: "This number already belongs to another service",
      });
    await tx.inboundNumber.upsert({
      where: { number: e164 },
      create: { number: e164, serviceId },
      update: { serviceId, active: true },
    });
    await recordAuditEvent(tx, {
      action: "inbound_number.assigned",
      serviceId,
      userId: actor.userId,
      subjectType: "inbound_number",
      details: { number: e164 },
    });
  });
}

export type InboundNumberRow = { id: string; number: string; service: { id: string; name: string } | null };

/** Every phone number of the platform for receiving texts, with the service it belongs to (for platform admins). */
export async function listInboundNumbers(): Promise<InboundNumberRow[]> {
  const numbers = await db.inboundNumber.findMany({
    orderBy: { number: "asc" },
    select: { id: true, number: true, active: true, service: { select: { id: true, name: true } } },
  });
  return numbers.map((row) => ({ id: row.id, number: row.number, service: row.active ? row.service : null }));
}

/** The numbers a service receives texts on. */
export async function inboundNumbersOf(serviceId: string): Promise<string[]> {
  const numbers = await db.inboundNumber.findMany({
    where: { serviceId, active: true },
    orderBy: { number: "asc" },
    select: { number: true },
  });
  return numbers.map((row) => row.number);
}

/**
 * Takes a number back from its service: texts to it are no longer received for anyone until it is
 * given to a service again. What the service already received stays with it. Platform admins only.
 */
export async function releaseInboundNumber({ actor, numberId }: PlatformWrite<{ numberId: string }>): Promise<void> {
  requirePlatformAdmin(actor);
  const existing = isUuid(numberId)
    ? await db.inboundNumber.findUnique({ where: { id: numberId }, select: { number: true, serviceId: true } })
    : null;
  if (!existing) throw notFound("Inbound number");
  const accountNumber = await accountPhoneNumber(existing.number);
  if (accountNumber && existing.serviceId)
    return unassignPhoneNumber({
      actor,
      serviceId: existing.serviceId,
      awsId: accountNumber.awsId,
      asSender: false,
      asInbound: true,
    });
  await db.$transaction(async (tx) => {
    await tx.inboundNumber.update({ where: { id: numberId }, data: { serviceId: null } });
    await recordAuditEvent(tx, {
      action: "inbound_number.released",
      serviceId: existing.serviceId,
      userId: actor.userId,
      subjectType: "inbound_number",
      subjectId: numberId,
      details: { number: existing.number },
    });
  });
}
