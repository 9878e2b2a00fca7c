import "server-only";
import type { Readable } from "node:stream";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { NotificationType } from "@/lib/generated/prisma/enums";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { enqueue } from "@/lib/queue/boss";
import { queues } from "@/lib/queue/queues";
import {
  checkUploadable,
  recipientFileTarget,
  registerRecipientFile,
  storeRecipientObject,
} from "@/lib/recipient-files/upload-recipient-file";
import { deleteObject } from "@/lib/storage/s3";
import { isUuid } from "@/lib/validation";

/**
 * Contact lists: a checked recipient file kept in S3_BUCKET_CONTACT_LISTS until someone deletes it
 * (Notify archives them; they do not expire). A list is its file (lib/recipient-files): its type,
 * columns and row count come from the file's check, and a send to it (a job now, a campaign later)
 * reads the same object through recipientFileSource.
 */
export async function saveContactList({
  actor,
  serviceId,
  name,
  type,
  fileName,
  sizeBytes,
  body,
}: ServiceWrite<{
  name: string;
  type: NotificationType;
  fileName: string;
  sizeBytes: number;
  body: Readable | Buffer;
}>): Promise<string> {
  await requireServicePermission(actor, serviceId, "send_messages");
  const trimmed = name.trim();
  if (!trimmed) throw new AppError("validation", "Enter a name for the list", { name: "Enter a name for the list" });
  if (trimmed.length > 100)
    throw new AppError("validation", "The name must be 100 characters or fewer", {
      name: "The name must be 100 characters or fewer",
    });
  checkUploadable(fileName, sizeBytes);
  const target = await recipientFileTarget(serviceId, { type });
  const { id, objectKey } = await storeRecipientObject("contactLists", serviceId, fileName, body);
  await registerRecipientFile({
    id,
    target,
    bucket: "contactLists",
    objectKey,
    originalName: fileName,
    sizeBytes,
    createdById: actor.userId,
    contactListName: trimmed,
  });
  return (await db.contactList.findUniqueOrThrow({ where: { fileId: id }, select: { id: true } })).id;
}

export type ContactListView = Awaited<ReturnType<typeof listContactLists>>[number];

/** The service's contact lists (not deleted), newest first, with their file's check. */
export async function listContactLists(serviceId: string) {
  return db.contactList.findMany({
    where: { serviceId, deletedAt: null },
    orderBy: { createdAt: "desc" },
    include: { file: { select: { id: true, type: true, status: true, rowCount: true, originalName: true } } },
  });
}

export async function findContactList(serviceId: string, contactListId: string) {
  if (!isUuid(contactListId)) return null;
  return db.contactList.findFirst({
    where: { id: contactListId, serviceId, deletedAt: null },
    include: { file: true },
  });
}

/**
 * Starts a send of a template to a contact list: the list's file is checked against the template
 * (its columns, the service's rules today) as a file of its own pointing at the same object, and
 * the console continues on that check's page. Returns the new file's id.
 */
export async function sendTemplateToContactList({
  actor,
  serviceId,
  contactListId,
  templateId,
}: ServiceWrite<{ contactListId: string; templateId: string }>): Promise<string> {
  await requireServicePermission(actor, serviceId, "send_messages");
  const list = await findContactList(serviceId, contactListId);
  if (!list) throw notFound("Contact list");
  if (list.file.status !== "valid") throw new AppError("bad_request", "This list has errors and cannot be sent");
  const target = await recipientFileTarget(serviceId, { templateId });
  if (target.type !== list.file.type)
    throw new AppError("validation", "Choose a template of the list’s kind", {
      templateId: `Choose ${list.file.type === "email" ? "an email" : "a text message"} template`,
    });
  return db.$transaction(async (tx) => {
    const file = await tx.recipientFile.create({
      data: {
        serviceId,
        templateId: target.templateId,
        type: target.type,
        bucket: "contactLists",
        objectKey: list.file.objectKey,
        originalName: list.file.originalName,
        sizeBytes: list.file.sizeBytes,
        createdById: actor.userId,
      },
    });
    await tx.contactList.update({ where: { id: list.id }, data: { lastUsedAt: new Date() } });
    await enqueue(queues.checkRecipientFile, { fileId: file.id }, { transaction: tx });
    return file.id;
  });
}

/**
 * Deletes a contact list and its object in S3, unless a send from it is still creating its
 * messages (its job would lose its rows).
 */
export async function deleteContactList({
  actor,
  serviceId,
  contactListId,
}: ServiceWrite<{ contactListId: string }>): Promise<void> {
  await requireServicePermission(actor, serviceId, "send_messages");
  const list = await findContactList(serviceId, contactListId);
  if (!list) throw notFound("Contact list");
  const running = await db.job.count({
    where: {
      serviceId,
      status: { in: ["scheduled", "pending", "in_progress"] },
      file: { bucket: "contactLists", objectKey: list.file.objectKey },
    },
  });
  if (running > 0)
    throw new AppError(
      "bad_request",
      "A send from this list is still under way or scheduled: delete it once it has finished",
    );
  await db.contactList.update({ where: { id: list.id }, data: { deletedAt: new Date() } });
  await deleteObject("contactLists", list.file.objectKey);
  await db.recipientFile.updateMany({
    where: { serviceId, bucket: "contactLists", objectKey: list.file.objectKey },
    data: { objectDeletedAt: new Date() },
  });
}
