import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Gives a service one of the platform's phone numbers for receiving texts (its two-way channel must
 * publish to the inbound SNS topic). A number belongs to one service at a time.
 */
export async function assignInboundNumber(serviceId: string, number: string, actor: { userId?: string | null } = {}): Promise<void> {
  const e164 = number.replace(/[\s()-]/g, "");
  if (!E164.test(e164)) throw new AppError("validation", "Enter the number in international format, like +447700900123", { number: "Enter the number in international format, like +447700900123" });
  if (!isUuid(serviceId) || !(await db.service.findUnique({ where: { id: serviceId }, select: { id: true } }))) throw notFound("Service");
  await db.$transaction(async (tx) => {
    const existing = await tx.inboundNumber.findUnique({ where: { number: e164 }, select: { serviceId: true, active: true } });
    if (existing?.serviceId && existing.serviceId !== serviceId && existing.active) throw new AppError("conflict", "This number already belongs to another service", { number: "This number already belongs to another service" });
    await tx.inboundNumber.upsert({ where: { number: e164 }, create: { number: e164, serviceId }, update: { serviceId, active: true } });
    await recordAuditEvent(tx, { action: "inbound_number.assigned", serviceId, userId: actor.userId ?? null, subjectType: "inbound_number", details: { number: e164 } });
  });
}
