import "server-only";
import { db, type DbClient, type DbTransaction } from "@/lib/db";
import { enqueue } from "@/lib/queue/boss";
import { queues } from "@/lib/queue/queues";
import type { NotificationType, SuppressionReason } from "@/lib/generated/prisma/enums";

const RECIPIENT_TYPES = { email: "email", sms: "mobile" } as const;

export type Suppression = {
  serviceId: string;
  type: NotificationType;
  /** Normalised: lower-case email address or E.164 number. */
  recipient: string;
  reason: SuppressionReason;
  bounceSubType?: string | null;
  diagnosticCode?: string | null;
  notificationId?: string | null;
};

/**
 * Adds a recipient to the service's suppression list; one already there keeps its first reason,
 * except for an opt-out. The recipient's own STOP replaces any other reason: only their START undoes
 * it, and a team member clearing an old failure must not.
 */
export async function suppressRecipient(client: DbClient, suppression: Suppression): Promise<void> {
  const entry = {
    serviceId: suppression.serviceId,
    recipientType: RECIPIENT_TYPES[suppression.type],
    recipient: suppression.recipient,
    reason: suppression.reason,
    bounceSubType: suppression.bounceSubType ?? null,
    diagnosticCode: suppression.diagnosticCode?.slice(0, 1000) ?? null,
    notificationId: suppression.notificationId ?? null,
  };
  if (suppression.reason !== "opt_out") {
    await client.suppressionEntry.createMany({ data: [entry], skipDuplicates: true });
    return;
  }
  const { serviceId, recipientType, recipient } = entry;
  await client.suppressionEntry.upsert({
    where: { serviceId_recipientType_recipient: { serviceId, recipientType, recipient } },
    create: entry,
    update: { ...entry, createdAt: new Date() },
  });
}

export type SuppressionEntryView = {
  id: string;
  reason: SuppressionReason;
  createdAt: Date;
  bounceSubType: string | null;
};

/** The entry that stops sending to this recipient, if there is one. */
export async function findSuppression(
  serviceId: string,
  type: NotificationType,
  recipient: string,
): Promise<SuppressionEntryView | null> {
  return db.suppressionEntry.findUnique({
    where: { serviceId_recipientType_recipient: { serviceId, recipientType: RECIPIENT_TYPES[type], recipient } },
    select: { id: true, reason: true, createdAt: true, bounceSubType: true },
  });
}

/** Removes an opt-out (the recipient texted START); bounces and complaints stay until staff remove them. */
export async function removeOptOut(
  client: DbClient,
  serviceId: string,
  type: NotificationType,
  recipient: string,
): Promise<void> {
  await client.suppressionEntry.deleteMany({
    where: { serviceId, recipientType: RECIPIENT_TYPES[type], recipient, reason: "opt_out" },
  });
}

/**
 * After a change to one of the service's opted-out mobile numbers: that number of its AWS opt-out
 * list (if its numbers have one) is brought in step by the worker, once this transaction commits.
 */
export async function queueOptOutListSync(tx: DbTransaction, serviceId: string, number: string): Promise<void> {
  const service = await tx.service.findUnique({ where: { id: serviceId }, select: { smsOptOutListName: true } });
  if (service?.smsOptOutListName) await enqueue(queues.syncOptOutList, { serviceId, number }, { transaction: tx });
}

const REASONS: Record<SuppressionReason, string> = {
  bounce: "an earlier message to it bounced permanently",
  complaint: "its owner reported an earlier message as spam",
  opt_out: "its owner opted out",
  manual: "a team member added it",
};

/** Why a send was refused, for the API's error and the console. */
export function suppressedRecipientMessage(entry: Pick<SuppressionEntryView, "reason" | "createdAt">): string {
  return `Can’t send to this recipient: it is on the service’s suppression list because ${REASONS[entry.reason]} (${entry.createdAt.toISOString().slice(0, 10)}). A team member can remove it from the list in Tidings.`;
}

export type SuppressionListEntry = {
  id: string;
  recipientType: "email" | "mobile";
  recipient: string;
  reason: SuppressionReason;
  bounceSubType: string | null;
  diagnosticCode: string | null;
  createdAt: Date;
};

/** A page of the service's suppression list, newest first, optionally narrowed to recipients containing `search`. */
export async function listSuppressions(
  serviceId: string,
  options: { search?: string; page: number; pageSize?: number },
): Promise<{ items: SuppressionListEntry[]; hasMore: boolean }> {
  const pageSize = options.pageSize ?? 50;
  const search = options.search?.trim().toLowerCase();
  const rows = await db.suppressionEntry.findMany({
    where: { serviceId, ...(search ? { recipient: { contains: search } } : {}) },
    orderBy: { createdAt: "desc" },
    skip: (options.page - 1) * pageSize,
    take: pageSize + 1,
    select: {
      id: true,
      recipientType: true,
      recipient: true,
      reason: true,
      bounceSubType: true,
      diagnosticCode: true,
      createdAt: true,
    },
  });
  return { items: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}

/** Which of these recipients (normalised) are on the service's suppression list: one query for many rows. */
export async function suppressedAmong(
  serviceId: string,
  type: NotificationType,
  recipients: string[],
): Promise<Map<string, Pick<SuppressionEntryView, "reason" | "createdAt">>> {
  if (recipients.length === 0) return new Map();
  // One array parameter rather than one per recipient: a bulk check asks this for thousands at a time.
  const entries = await db.$queryRaw<{ recipient: string; reason: SuppressionReason; createdAt: Date }[]>`
    SELECT recipient, reason, created_at AS "createdAt" FROM suppression_entries
    WHERE service_id = ${serviceId}::uuid AND recipient_type = ${RECIPIENT_TYPES[type]}::guest_list_recipient_type
      AND recipient = ANY(${[...new Set(recipients)]}::text[])`;
  return new Map(entries.map((entry) => [entry.recipient, entry]));
}
