import "server-only";
import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { config } from "@/lib/config";

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

/** Stores an object, streaming large bodies in parts so that no whole file is held in memory. */
export async function putObject(object: StoredObject): Promise<void> {
  await new Upload({
    client: s3(),
    params: {
      Bucket: bucketName(object.bucket),
      Key: object.key,
      Body: object.body,
      ContentType: object.contentType,
      ...(object.metadata ? { Metadata: object.metadata } : {}),
    },
  }).done();
}

/** An object's content as a stream, read as it is consumed. */
export async function objectStream(bucket: Bucket, key: string): Promise<Readable> {
  const result = await s3().send(new GetObjectCommand({ Bucket: bucketName(bucket), Key: key }));
  return result.Body as Readable;
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

/** A URL a browser can GET one object from for `expiresInSeconds`, saved under `filename`. */
export function presignedDownload(
  bucket: Bucket,
  key: string,
  filename: string,
  expiresInSeconds = 300,
): Promise<string> {
  return getSignedUrl(
    s3(),
    new GetObjectCommand({
      Bucket: bucketName(bucket),
      Key: key,
      ResponseContentDisposition: `attachment; filename="${filename.replace(/["\\\r\n]/g, "_")}"`,
    }),
    { expiresIn: expiresInSeconds },
  );
}
