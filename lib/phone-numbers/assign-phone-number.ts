import "server-only";
import { UpdatePhoneNumberCommand, type PhoneNumberInformation } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { invalidateSettings } from "@/lib/cache/settings-cache";
import { config } from "@/lib/config";
import { db, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { getServiceAccess, requirePlatformAdmin, type ServiceWrite } from "@/lib/permissions";
import { callAws } from "./aws-client";
import { describePhoneNumber, storedFields } from "./describe";
import { forgetInventory } from "./inventory";
import { NUMBER_STATUS_LABELS, REGISTRATION_STATUS_LABELS } from "./options";
import { serviceOptOutList } from "./opt-out-lists";
import { servicesUsing } from "./queries";

export type Assignment = { awsId: string; asSender: boolean; asInbound: boolean; makeDefault?: boolean };

type PreviousTwoWay = { enabled: boolean; channelArn: string | null };

async function recordNumber(
  tx: DbTransaction,
  number: Partial<PhoneNumberInformation>,
  previousTwoWay?: PreviousTwoWay | null,
) {
  const fields = storedFields(number);
  const twoWay = previousTwoWay === undefined ? {} : { previousTwoWay: previousTwoWay ?? undefined };
  return tx.phoneNumber.upsert({
    where: { awsId: number.PhoneNumberId ?? "" },
    create: { awsId: number.PhoneNumberId ?? "", ...fields, ...twoWay },
    update: { ...fields, ...twoWay },
    select: { id: true, previousTwoWay: true },
  });
}

/**
 * Gives a service one of the account's numbers: as an SMS sender (one of its senders, choosable per
 * message and as its default; only once the number is active) and/or as its inbound number (two-way
 * turned on towards SMS_INBOUND_TOPIC_ARN, texts routed to the service). The number moves to the
 * service's own opt-out list. A number serves one service at a time. Platform admins only.
 */
export async function assignPhoneNumber({ actor, serviceId, ...assignment }: ServiceWrite<Assignment>): Promise<void> {
  requirePlatformAdmin(actor);
  await getServiceAccess(actor, serviceId);
  if (!assignment.asSender && !assignment.asInbound)
    throw new AppError("validation", "Choose whether the service sends from the number, receives on it, or both", {
      use: "Choose sending, receiving or both",
    });
  let number: Partial<PhoneNumberInformation> = await describePhoneNumber(assignment.awsId);
  const phoneNumber = number.PhoneNumber ?? "";
  const others = (await servicesUsing(phoneNumber)).filter((use) => use.service.id !== serviceId);
  if (others.length) throw new AppError("conflict", `${phoneNumber} already belongs to ${others[0]!.service.name}`);
  if (assignment.asSender) {
    if (number.Status !== "ACTIVE") {
      const row = await db.phoneNumber.findUnique({
        where: { awsId: assignment.awsId },
        select: { registrationStatus: true },
      });
      const registration = row?.registrationStatus
        ? `; its registration is ${REGISTRATION_STATUS_LABELS[row.registrationStatus]?.toLowerCase() ?? row.registrationStatus}`
        : "";
      throw new AppError(
        "conflict",
        `${phoneNumber} is ${NUMBER_STATUS_LABELS[number.Status ?? ""]?.toLowerCase() ?? "not active"}${registration}. A service can send from it once AWS has made it active.`,
      );
    }
    if (!number.NumberCapabilities?.includes("SMS"))
      throw new AppError(
        "conflict",
        `${phoneNumber} cannot send text messages (it is for ${number.NumberCapabilities?.join(", ").toLowerCase()} only)`,
      );
  }
  const topic = config().SMS_INBOUND_TOPIC_ARN;
  if (assignment.asInbound && !topic)
    throw new AppError(
      "conflict",
      "Set SMS_INBOUND_TOPIC_ARN (the SNS topic texts to our numbers are published to) before giving a service an inbound number",
    );
  const listName = await serviceOptOutList(serviceId);
  const previous = await db.phoneNumber.findUnique({
    where: { awsId: assignment.awsId },
    select: { previousTwoWay: true },
  });
  const keepPrevious = assignment.asInbound && !previous?.previousTwoWay;
  const previousTwoWay: PreviousTwoWay = {
    enabled: Boolean(number.TwoWayEnabled),
    channelArn: number.TwoWayChannelArn ?? null,
  };
  number = await callAws((sms) =>
    sms.send(
      new UpdatePhoneNumberCommand({
        PhoneNumberId: assignment.awsId,
        OptOutListName: listName,
        ...(assignment.asInbound ? { TwoWayEnabled: true, TwoWayChannelArn: topic } : {}),
      }),
    ),
  );
  await db.$transaction(async (tx) => {
    const row = await recordNumber(tx, number, keepPrevious ? previousTwoWay : undefined);
    if (assignment.asSender) {
      const existing = await tx.serviceSmsSender.findFirst({
        where: { serviceId, phoneNumberId: row.id, archivedAt: null },
        select: { id: true },
      });
      const isFirst = !existing && (await tx.serviceSmsSender.count({ where: { serviceId, archivedAt: null } })) === 0;
      const sender =
        existing ??
        (await tx.serviceSmsSender.create({
          data: { serviceId, sender: phoneNumber, phoneNumberId: row.id },
          select: { id: true },
        }));
      // Also when the service already sends from the number: choosing it again as the default makes it so.
      if (isFirst || assignment.makeDefault) {
        await tx.serviceSmsSender.updateMany({ where: { serviceId, isDefault: true }, data: { isDefault: false } });
        await tx.serviceSmsSender.update({ where: { id: sender.id }, data: { isDefault: true } });
      }
    }
    if (assignment.asInbound)
      await tx.inboundNumber.upsert({
        where: { number: phoneNumber },
        create: { number: phoneNumber, serviceId },
        update: { serviceId, active: true },
      });
    await recordAuditEvent(tx, {
      action: "phone_number.assigned",
      serviceId,
      userId: actor.userId,
      subjectType: "phone_number",
      subjectId: row.id,
      details: { number: phoneNumber, asSender: assignment.asSender, asInbound: assignment.asInbound },
    });
  });
  invalidateSettings(serviceId);
  forgetInventory();
}

/**
 * Takes a number back from a service, as a sender and/or as its inbound number. Two-way messaging
 * is put back as it was before the service received on it. Platform admins only.
 */
export async function unassignPhoneNumber({
  actor,
  serviceId,
  ...assignment
}: ServiceWrite<Omit<Assignment, "makeDefault">>): Promise<void> {
  requirePlatformAdmin(actor);
  await getServiceAccess(actor, serviceId);
  const row = await db.phoneNumber.findUnique({
    where: { awsId: assignment.awsId },
    select: { id: true, number: true, previousTwoWay: true },
  });
  if (!row) throw new AppError("not_found", "Tidings has not given this number to any service");
  const receives = await db.inboundNumber.findFirst({
    where: { number: row.number, serviceId, active: true },
    select: { id: true },
  });
  if (assignment.asInbound && receives) {
    const previous = (row.previousTwoWay as PreviousTwoWay | null) ?? { enabled: false, channelArn: null };
    await callAws((sms) =>
      sms.send(
        new UpdatePhoneNumberCommand({
          PhoneNumberId: assignment.awsId,
          TwoWayEnabled: previous.enabled,
          ...(previous.channelArn ? { TwoWayChannelArn: previous.channelArn } : {}),
        }),
      ),
    );
  }
  await db.$transaction(async (tx) => {
    if (assignment.asSender) {
      const senders = await tx.serviceSmsSender.findMany({
        where: { serviceId, phoneNumberId: row.id, archivedAt: null },
        select: { id: true, isDefault: true },
      });
      await tx.serviceSmsSender.updateMany({
        where: { id: { in: senders.map((sender) => sender.id) } },
        data: { archivedAt: new Date(), isDefault: false },
      });
      // The default goes to the service's oldest remaining sender, if it has one.
      if (senders.some((sender) => sender.isDefault)) {
        const next = await tx.serviceSmsSender.findFirst({
          where: { serviceId, archivedAt: null },
          orderBy: { createdAt: "asc" },
          select: { id: true },
        });
        if (next) await tx.serviceSmsSender.update({ where: { id: next.id }, data: { isDefault: true } });
      }
    }
    if (assignment.asInbound && receives) {
      await tx.inboundNumber.update({ where: { id: receives.id }, data: { serviceId: null } });
      await tx.phoneNumber.update({ where: { id: row.id }, data: { previousTwoWay: Prisma.DbNull } });
    }
    await recordAuditEvent(tx, {
      action: "phone_number.unassigned",
      serviceId,
      userId: actor.userId,
      subjectType: "phone_number",
      subjectId: row.id,
      details: { number: row.number, asSender: assignment.asSender, asInbound: assignment.asInbound },
    });
  });
  invalidateSettings(serviceId);
  forgetInventory();
}
