import "server-only";
import type { Readable } from "node:stream";
import { db, type DbTransaction } from "@/lib/db";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { enqueue } from "@/lib/queue/boss";
import { queues } from "@/lib/queue/queues";
import { presignUpload, uploadedObject, type PresignedUpload } from "@/lib/recipient-files/direct-upload";
import { checkUploadable, storeRecipientObject } from "@/lib/recipient-files/upload-recipient-file";
import type { Bucket } from "@/lib/storage/s3";
import { findMailingList } from "./queries";

type ImportedObject = {
  serviceId: string;
  listId: string;
  bucket: Bucket;
  objectKey: string;
  originalName: string;
  sizeBytes: number;
  createdById: string | null;
  id?: string;
};

/**
 * Records an import of a spreadsheet already in S3 into a list and queues its reading by the
 * worker (readSubscriberImport), in the caller's transaction when it has one. Returns its id.
 */
export async function queueSubscriberImport(input: ImportedObject, tx: DbTransaction | null = null): Promise<string> {
  const run = async (client: DbTransaction) => {
    const { id } = await client.subscriberImport.create({
      data: { ...input, originalName: input.originalName.slice(0, 255) },
      select: { id: true },
    });
    await enqueue(queues.importSubscribers, { importId: id }, { transaction: client });
    return id;
  };
  return tx ? run(tx) : db.$transaction(run);
}

/**
 * Imports a CSV or spreadsheet into a list, as bulk sending takes its files: the file is streamed
 * to S3 (through the web app: the form without JavaScript, or when the browser cannot reach S3)
 * and read by the worker, whose progress the import's page follows. Its columns: "email address",
 * optionally "name", and any others as attributes. Returns the import's id. Needs "send messages".
 */
export async function importSubscribers({
  actor,
  serviceId,
  listId,
  fileName,
  sizeBytes,
  body,
}: ServiceWrite<{ listId: string; fileName: string; sizeBytes: number; body: Readable | Buffer }>): Promise<string> {
  await requireServicePermission(actor, serviceId, "send_messages");
  await findMailingList(serviceId, listId);
  checkUploadable(fileName, sizeBytes);
  const { id, objectKey } = await storeRecipientObject("uploads", serviceId, fileName, body);
  return queueSubscriberImport({
    id,
    serviceId,
    listId,
    bucket: "uploads",
    objectKey,
    originalName: fileName,
    sizeBytes,
    createdById: actor.userId,
  });
}

/** An import straight from the browser to S3, step one: a presigned PUT URL. Needs "send messages". */
export async function startDirectSubscriberImport({
  actor,
  serviceId,
  listId,
  fileName,
  sizeBytes,
}: ServiceWrite<{ listId: string; fileName: string; sizeBytes: number }>): Promise<PresignedUpload> {
  await requireServicePermission(actor, serviceId, "send_messages");
  await findMailingList(serviceId, listId);
  return presignUpload(serviceId, fileName, sizeBytes);
}

/** Step two, once the browser's PUT has finished: the import is recorded and queued. Returns its id. */
export async function finishDirectSubscriberImport({
  actor,
  serviceId,
  listId,
  fileId,
  fileName,
}: ServiceWrite<{ listId: string; fileId: string; fileName: string }>): Promise<string> {
  await requireServicePermission(actor, serviceId, "send_messages");
  await findMailingList(serviceId, listId);
  const { objectKey, sizeBytes } = await uploadedObject(serviceId, fileId, fileName);
  return queueSubscriberImport({
    id: fileId,
    serviceId,
    listId,
    bucket: "uploads",
    objectKey,
    originalName: fileName,
    sizeBytes,
    createdById: actor.userId,
  });
}
