import "server-only";
import { Readable } from "node:stream";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NotFound,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

/** The buckets Tidings keeps files in, each named by its own setting. */
export type Bucket = "uploads" | "contactLists" | "snapshots" | "backups" | "branding";

function bucketName(bucket: Bucket): string {
  const settings = config();
  return {
    uploads: settings.S3_BUCKET_UPLOADS,
    contactLists: settings.S3_BUCKET_CONTACT_LISTS,
    snapshots: settings.S3_BUCKET_SNAPSHOTS,
    backups: settings.S3_BUCKET_BACKUPS,
    branding: settings.S3_BUCKET_BRANDING,
  }[bucket];
}

const globalForS3 = globalThis as unknown as { tidingsS3?: S3Client };

/**
 * The one S3 client of the process, pointed at AWS_ENDPOINT_URL_S3 when set (the embedded stand-in
 * of `npm start`, which is addressed path-style). Checksums only when an operation requires them:
 * otherwise a presigned PUT carries the checksum of an empty body and every browser upload fails.
 */
function s3(): S3Client {
  if (!globalForS3.tidingsS3) {
    const { AWS_REGION, AWS_ENDPOINT_URL_S3 } = config();
    globalForS3.tidingsS3 = new S3Client({
      region: AWS_REGION ?? "us-east-1",
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      ...(AWS_ENDPOINT_URL_S3 ? { endpoint: AWS_ENDPOINT_URL_S3, forcePathStyle: true } : {}),
    });
  }
  return globalForS3.tidingsS3;
}

export type StoredObject = {
  bucket: Bucket;
  key: string;
  body: Readable | Buffer | string;
  contentType: string;
  /** S3 object metadata (x-amz-meta-*): short ASCII strings. */
  metadata?: Record<string, string>;
};

/**
 * Stores an object, streaming large bodies in parts so that no whole file is held in memory. All or
 * nothing: an object appears only once its last part is stored; if S3 cannot be reached (after the
 * SDK's retries) the parts stored so far are discarded (where S3 is gone too, the buckets' lifecycle
 * rule clears them after a day) and the caller gets an `unavailable` AppError to show.
 */
export async function putObject(object: StoredObject): Promise<void> {
  const upload = new Upload({
    client: s3(),
    leavePartsOnError: false,
    params: {
      Bucket: bucketName(object.bucket),
      Key: object.key,
      Body: object.body,
      ContentType: object.contentType,
      ...(object.metadata ? { Metadata: object.metadata } : {}),
    },
  });
  try {
    await upload.done();
  } catch (error) {
    if (object.body instanceof Readable) {
      // The file's own stream failed (the upload it comes from was cut short): that is not storage's doing.
      if (object.body.errored) throw error;
      object.body.destroy();
    }
    log.warn({ err: error, bucket: object.bucket }, "file storage unavailable: upload abandoned");
    throw new AppError("unavailable", "The file could not be stored: file storage is unavailable. Try again later.");
  }
}

/** An object's content as a stream, read as it is consumed. */
export async function objectStream(bucket: Bucket, key: string): Promise<Readable> {
  const result = await s3().send(new GetObjectCommand({ Bucket: bucketName(bucket), Key: key }));
  return result.Body as Readable;
}

/** An object's whole content as text (small objects: manifests). */
export async function objectText(bucket: Bucket, key: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await objectStream(bucket, key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** An object's metadata and size, or null when there is no such object. */
export async function objectInfo(
  bucket: Bucket,
  key: string,
): Promise<{ size: number; metadata: Record<string, string> } | null> {
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: bucketName(bucket), Key: key }));
    return { size: head.ContentLength ?? 0, metadata: head.Metadata ?? {} };
  } catch (error) {
    if (error instanceof NotFound || (error as { name?: string }).name === "NotFound") return null;
    throw error;
  }
}

/** Replaces an object's metadata (S3 copies the object onto itself; the content is not sent again). */
export async function replaceMetadata(bucket: Bucket, key: string, metadata: Record<string, string>): Promise<void> {
  const name = bucketName(bucket);
  const head = await s3().send(new HeadObjectCommand({ Bucket: name, Key: key }));
  await s3().send(
    new CopyObjectCommand({
      Bucket: name,
      Key: key,
      CopySource: `${name}/${key.split("/").map(encodeURIComponent).join("/")}`,
      MetadataDirective: "REPLACE",
      Metadata: metadata,
      ...(head.ContentType ? { ContentType: head.ContentType } : {}),
    }),
  );
}

/** The keys of every object under `prefix`, in key order. */
export async function listKeys(bucket: Bucket, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3().send(
      new ListObjectsV2Command({ Bucket: bucketName(bucket), Prefix: prefix, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

export async function deleteObject(bucket: Bucket, key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: bucketName(bucket), Key: key }));
}

/** A URL a browser can PUT one file to for `expiresInSeconds`, with this content type. */
export function presignedUpload(
  bucket: Bucket,
  key: string,
  contentType: string,
  expiresInSeconds = 900,
): Promise<string> {
  return getSignedUrl(s3(), new PutObjectCommand({ Bucket: bucketName(bucket), Key: key, ContentType: contentType }), {
    expiresIn: expiresInSeconds,
  });
}
