import "server-only";
import { PassThrough, type Readable } from "node:stream";
import busboy from "busboy";
import { readSignedToken, signToken } from "@/lib/crypto/signed-tokens";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { deleteObject } from "@/lib/storage/s3";
import { MAX_FILE_BYTES } from "./check-rows";
import {
  checkUploadable,
  recipientFileTarget,
  registerRecipientFile,
  storeRecipientObject,
} from "./upload-recipient-file";

const fileError = (message: string) => new AppError("validation", message, { file: message });
const tooLarge = () =>
  fileError(`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB. Split it into smaller files.`);
const notWhole = () => fileError("The file did not arrive whole. Upload it again.");

/**
 * The upload form posted without JavaScript (or when the browser could not reach S3): its
 * multipart body is parsed as it arrives and the file's part streamed on to S3, so that the web app
 * never holds more of it than a few parts of the S3 upload; a file over the size limit is abandoned
 * as soon as it passes it. Then recorded and its check queued, as a direct upload is. Returns the file's id.
 */
export async function uploadRecipientFileForm({
  actor,
  serviceId,
  templateId,
  contentType,
  body,
}: ServiceWrite<{ templateId: string; contentType: string | null; body: Readable }>): Promise<string> {
  await requireServicePermission(actor, serviceId, "send_messages");
  const target = await recipientFileTarget(serviceId, { templateId });
  const stored = await receiveFilePart(serviceId, contentType, body);
  return registerRecipientFile({
    id: stored.id,
    target,
    bucket: "uploads",
    objectKey: stored.objectKey,
    originalName: stored.fileName,
    sizeBytes: stored.sizeBytes,
    createdById: actor.userId,
  });
}

type StoredPart = { id: string; objectKey: string; fileName: string; sizeBytes: number };

/** Reads the form's `file` part into S3; any other part is ignored. Throws a field error for the form. */
function receiveFilePart(serviceId: string, contentType: string | null, body: Readable): Promise<StoredPart> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType ?? "" },
      // Browsers send a file's name as UTF-8.
      defParamCharset: "utf8",
      limits: { files: 1, fileSize: MAX_FILE_BYTES, fields: 20, fieldSize: 64 * 1024 },
    });
  } catch {
    return Promise.reject(fileError("Choose a file to upload"));
  }
  return new Promise<StoredPart>((resolve, reject) => {
    let storing: Promise<StoredPart> | null = null;
    let counted: PassThrough | null = null;
    let failure: unknown = null;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      if (!storing) return reject(failure ?? fileError("Choose a file to upload"));
      storing.then(
        async (stored) => {
          if (!failure) return resolve(stored);
          // A form that went wrong after its file was stored (its end cut short): the file goes.
          await deleteObject("uploads", stored.objectKey).catch((error: unknown) =>
            log.warn({ err: error, key: stored.objectKey }, "could not delete a refused upload"),
          );
          reject(failure);
        },
        (error: unknown) => reject(failure ?? error),
      );
    };
    const fail = (error: unknown) => {
      failure ??= error;
      counted?.destroy(error as Error);
      body.unpipe(parser);
      // The rest of the request is read and dropped, so that the browser is answered at once.
      body.resume();
      settle();
    };

    parser.on("file", (name, file, info) => {
      if (name !== "file" || storing || failure) return void file.resume();
      const fileName = info.filename ?? "";
      try {
        checkUploadable(fileName, 1);
      } catch (error) {
        file.resume();
        return fail(error);
      }
      let sizeBytes = 0;
      const part = new PassThrough();
      counted = part;
      file.on("data", (chunk: Buffer) => (sizeBytes += chunk.length));
      file.on("limit", () => fail(tooLarge()));
      file.on("error", () => fail(notWhole()));
      file.pipe(part);
      storing = storeRecipientObject("uploads", serviceId, fileName, part).then(async (object) => {
        if (sizeBytes > 0) return { ...object, fileName, sizeBytes };
        await deleteObject("uploads", object.objectKey);
        throw fileError("Choose a file to upload");
      });
      // S3 out of reach, say: the form is answered at once rather than read to its end.
      storing.catch(fail);
    });
    parser.on("error", () => fail(notWhole()));
    parser.on("close", settle);
    body.on("error", () => fail(notWhole()));
    body.pipe(parser);
  });
}

/**
 * The form's error, carried back to the upload page in its address: signed, so that a link made
 * elsewhere cannot put words of its own beside the field.
 */
export const uploadErrorToken = (message: string) => signToken("upload-error", Buffer.from(message));

/** The message of an uploadErrorToken, or null for a token altered or made elsewhere. */
export const uploadErrorOf = (token: string | undefined) =>
  (token && readSignedToken("upload-error", token)?.toString("utf8")) || null;
