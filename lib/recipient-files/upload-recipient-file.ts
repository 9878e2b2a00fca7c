import "server-only";
import type { Readable } from "node:stream";
import { v7 as uuidv7 } from "uuid";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { NotificationType } from "@/lib/generated/prisma/enums";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { enqueue } from "@/lib/queue/boss";
import { queues } from "@/lib/queue/queues";
import { putObject, type Bucket } from "@/lib/storage/s3";
import { findCurrentTemplate } from "@/lib/templates/queries";
import { MAX_FILE_BYTES } from "./check-rows";
import { ACCEPTED_FILE_TYPES, formatOfFileName } from "./read-spreadsheet";

const CONTENT_TYPES = {
  csv: "text/csv",
  tsv: "text/tab-separated-values",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
} as const;

const fileError = (message: string) => new AppError("validation", message, { file: message });

/** The S3 key of a service's file: `service-<id>/<file id>.<extension>`. */
export function recipientFileKey(serviceId: string, fileId: string, fileName: string): string {
  return `service-${serviceId}/${fileId}.${formatOfFileName(fileName) ?? "csv"}`;
}

/** Refuses a name or size that cannot be a file we read, before anything is stored. */
export function checkUploadable(fileName: string, sizeBytes: number): void {
  if (!fileName.trim()) throw fileError("Choose a file to upload");
  if (sizeBytes === 0) throw fileError("The file is empty");
  if (!formatOfFileName(fileName)) throw fileError(`The file must be a spreadsheet: ${ACCEPTED_FILE_TYPES}`);
  if (sizeBytes > MAX_FILE_BYTES)
    throw fileError(`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB. Split it into smaller files.`);
}

export type RecipientFileTarget = { serviceId: string; templateId: string | null; type: NotificationType };

/** What a file is checked against: a template of the service, or only a channel (a contact list). */
export async function recipientFileTarget(
  serviceId: string,
  target: { templateId: string } | { type: NotificationType },
): Promise<RecipientFileTarget> {
  if ("type" in target) return { serviceId, templateId: null, type: target.type };
  const template = await findCurrentTemplate(serviceId, target.templateId);
  if (!template || template.archived) throw notFound("Template");
  return { serviceId, templateId: template.templateId, type: template.type };
}

/**
 * Records a stored file and queues its check, in one transaction. The object must already be in
 * S3 (uploaded through the web app, or straight from the browser with a presigned PUT).
 */
export async function registerRecipientFile(input: {
  id: string;
  target: RecipientFileTarget;
  bucket: Bucket;
  objectKey: string;
  originalName: string;
  sizeBytes: number;
  createdById: string | null;
  /** Saves the file as a contact list of this name, in the same transaction. */
  contactListName?: string;
}): Promise<string> {
  return db.$transaction(async (tx) => {
    await tx.recipientFile.create({
      data: {
        id: input.id,
        serviceId: input.target.serviceId,
        templateId: input.target.templateId,
        type: input.target.type,
        bucket: input.bucket,
        objectKey: input.objectKey,
        originalName: input.originalName.slice(0, 255),
        sizeBytes: input.sizeBytes,
        createdById: input.createdById,
      },
    });
    if (input.contactListName)
      await tx.contactList.create({
        data: {
          serviceId: input.target.serviceId,
          name: input.contactListName,
          fileId: input.id,
          createdById: input.createdById,
        },
      });
    await enqueue(queues.checkRecipientFile, { fileId: input.id }, { transaction: tx });
    return input.id;
  });
}

/**
 * A member with "send messages" uploads a spreadsheet of recipients for a template through the
 * web app: it is streamed to S3 (never held whole) and checked in the worker. Returns the file's id.
 * @internal Exported for the tests and benchmarks: the console uploads through form-upload.ts or direct-upload.ts, which share its steps.
 */
export async function uploadRecipientFile({
  actor,
  serviceId,
  templateId,
  fileName,
  sizeBytes,
  body,
}: ServiceWrite<{
  templateId: string;
  fileName: string;
  sizeBytes: number;
  body: Readable | Buffer;
}>): Promise<string> {
  await requireServicePermission(actor, serviceId, "send_messages");
  checkUploadable(fileName, sizeBytes);
  const target = await recipientFileTarget(serviceId, { templateId });
  const { id, objectKey } = await storeRecipientObject("uploads", serviceId, fileName, body);
  return registerRecipientFile({
    id,
    target,
    bucket: "uploads",
    objectKey,
    originalName: fileName,
    sizeBytes,
    createdById: actor.userId,
  });
}

/** The content type a file is stored (and presigned) with, by its name. */
export const contentTypeOf = (fileName: string) => CONTENT_TYPES[formatOfFileName(fileName) ?? "csv"];

/** Streams a file to S3 under the service's prefix; returns its id and key. */
export async function storeRecipientObject(
  bucket: Bucket,
  serviceId: string,
  fileName: string,
  body: Readable | Buffer,
): Promise<{ id: string; objectKey: string }> {
  const id = uuidv7();
  const objectKey = recipientFileKey(serviceId, id, fileName);
  await putObject({ bucket, key: objectKey, body, contentType: contentTypeOf(fileName) });
  return { id, objectKey };
}
