import "server-only";
import { db, type DbTransaction } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { KeyType } from "@/lib/generated/prisma/enums";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { enqueue } from "@/lib/queue/boss";
import { queues } from "@/lib/queue/queues";
import { findCurrentTemplate } from "@/lib/templates/queries";

/** How far ahead a job may be scheduled (Notify's rule). */
export const MAX_SCHEDULE_DAYS = 7;

export type NewJob = {
  serviceId: string;
  fileId: string;
  name?: string;
  scheduledFor?: Date | null;
  senderId?: string | null;
  clientReference?: string | null;
  keyType?: KeyType;
  apiKeyId?: string | null;
  createdById?: string | null;
};

/**
 * Creates a job for a checked file and queues its expansion (at `scheduledFor`, or now) in one
 * transaction: a job without its queue entry, or the reverse, never commits. The file must have
 * passed its check against a template that still exists. Returns the job's id.
 */
export async function insertJob(tx: DbTransaction, input: NewJob): Promise<string> {
  const file = await tx.recipientFile.findFirst({ where: { id: input.fileId, serviceId: input.serviceId } });
  if (!file) throw notFound("File");
  if (file.status !== "valid" || !file.templateId || file.rowCount === null)
    throw new AppError("bad_request", "This file has errors or has not been checked yet, so it cannot be sent");
  const template = await findCurrentTemplate(input.serviceId, file.templateId);
  if (!template || template.archived) throw new AppError("bad_request", "Template not found");
  const scheduledFor = checkScheduledFor(input.scheduledFor ?? null);
  const job = await tx.job.create({
    data: {
      serviceId: input.serviceId,
      templateId: template.templateId,
      templateVersion: template.version,
      type: template.type,
      name: input.name ?? file.originalName,
      fileId: file.id,
      status: scheduledFor ? "scheduled" : "pending",
      rowCount: file.rowCount,
      scheduledFor,
      senderId: input.senderId ?? null,
      clientReference: input.clientReference ?? null,
      keyType: input.keyType ?? "normal",
      apiKeyId: input.apiKeyId ?? null,
      createdById: input.createdById ?? null,
    },
    select: { id: true },
  });
  await enqueue(
    queues.expandJob,
    { jobId: job.id },
    { transaction: tx, ...(scheduledFor ? { startAfter: scheduledFor } : {}) },
  );
  return job.id;
}

function checkScheduledFor(scheduledFor: Date | null, now = new Date()): Date | null {
  if (!scheduledFor) return null;
  if (scheduledFor.getTime() < now.getTime() - 60_000)
    throw new AppError("validation", "Choose a time in the future", { scheduledFor: "Choose a time in the future" });
  if (scheduledFor.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * 86_400_000)
    throw new AppError("validation", `You can only schedule up to ${MAX_SCHEDULE_DAYS} days ahead`, {
      scheduledFor: `You can only schedule up to ${MAX_SCHEDULE_DAYS} days ahead`,
    });
  return scheduledFor;
}

/** A member with "send messages" sends a checked file now or at a time up to 7 days ahead. */
export async function sendCheckedFile({
  actor,
  serviceId,
  fileId,
  scheduledFor,
  senderId,
}: ServiceWrite<{ fileId: string; scheduledFor?: Date | null; senderId?: string | null }>): Promise<string> {
  await requireServicePermission(actor, serviceId, "send_messages");
  return db.$transaction((tx) =>
    insertJob(tx, {
      serviceId,
      fileId,
      scheduledFor: scheduledFor ?? null,
      senderId: senderId ?? null,
      createdById: actor.userId,
    }),
  );
}

/** Cancels a job that has not started yet (scheduled); its queued expansion then finds it cancelled and does nothing. */
export async function cancelJob({ actor, serviceId, jobId }: ServiceWrite<{ jobId: string }>): Promise<void> {
  await requireServicePermission(actor, serviceId, "send_messages");
  const cancelled = await db.job.updateMany({
    where: { id: jobId, serviceId, status: "scheduled" },
    data: { status: "cancelled", finishedAt: new Date() },
  });
  if (cancelled.count === 0) {
    const job = await db.job.findFirst({ where: { id: jobId, serviceId }, select: { id: true } });
    if (!job) throw notFound("Job");
    throw new AppError("bad_request", "Only a scheduled job can be cancelled, and this one has already started");
  }
}
