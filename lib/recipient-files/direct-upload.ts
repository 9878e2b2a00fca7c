import "server-only";
import { v7 as uuidv7 } from "uuid";
import { AppError } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { objectInfo, presignedUpload } from "@/lib/storage/s3";
import { isUuid } from "@/lib/validation";
import { MAX_FILE_BYTES } from "./check-rows";
import {
  checkUploadable,
  contentTypeOf,
  recipientFileKey,
  recipientFileTarget,
  registerRecipientFile,
} from "./upload-recipient-file";

export type PresignedUpload = { fileId: string; url: string; contentType: string };

/**
 * Any upload straight to S3 (a file of recipients, an import of subscribers), step one: checks the
 * file's name and size and answers a presigned PUT URL for a new key in the uploads bucket, so that
 * a 100 MB file never passes through the web app. The caller checks its permission first.
 */
export async function presignUpload(serviceId: string, fileName: string, sizeBytes: number): Promise<PresignedUpload> {
  checkUploadable(fileName, sizeBytes);
  const fileId = uuidv7();
  const contentType = contentTypeOf(fileName);
  const url = await presignedUpload("uploads", recipientFileKey(serviceId, fileId, fileName), contentType);
  return { fileId, url, contentType };
}

/** Step two: the object the browser says it has put, with its size, or why it cannot be used. */
export async function uploadedObject(
  serviceId: string,
  fileId: string,
  fileName: string,
): Promise<{ objectKey: string; sizeBytes: number }> {
  if (!isUuid(fileId)) throw new AppError("bad_request", "The upload was not found: upload the file again");
  const objectKey = recipientFileKey(serviceId, fileId, fileName);
  const stored = await objectInfo("uploads", objectKey);
  if (!stored) throw new AppError("bad_request", "The upload was not found: upload the file again");
  if (stored.size > MAX_FILE_BYTES)
    throw new AppError("validation", "The file is larger than 100 MB", { file: "The file is larger than 100 MB" });
  return { objectKey, sizeBytes: stored.size };
}

/** A file of recipients for a template, step one: nothing is recorded until the browser has finished (finishDirectUpload). */
export async function startDirectUpload({
  actor,
  serviceId,
  templateId,
  fileName,
  sizeBytes,
}: ServiceWrite<{ templateId: string; fileName: string; sizeBytes: number }>): Promise<PresignedUpload> {
  await requireServicePermission(actor, serviceId, "send_messages");
  checkUploadable(fileName, sizeBytes);
  await recipientFileTarget(serviceId, { templateId });
  return presignUpload(serviceId, fileName, sizeBytes);
}

/** Step two, the object is in S3: it is recorded and its check queued. Returns the file's id. */
export async function finishDirectUpload({
  actor,
  serviceId,
  templateId,
  fileId,
  fileName,
}: ServiceWrite<{ templateId: string; fileId: string; fileName: string }>): Promise<string> {
  await requireServicePermission(actor, serviceId, "send_messages");
  if (!isUuid(fileId)) throw new AppError("bad_request", "The upload was not found: upload the file again");
  const target = await recipientFileTarget(serviceId, { templateId });
  const { objectKey, sizeBytes } = await uploadedObject(serviceId, fileId, fileName);
  return registerRecipientFile({
    id: fileId,
    target,
    bucket: "uploads",
    objectKey,
    originalName: fileName,
    sizeBytes,
    createdById: actor.userId,
  });
}
