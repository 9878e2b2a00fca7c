import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { resetConfig } from "@/lib/config";
import { S3_STAND_IN_CREDENTIALS, startS3StandIn, type S3StandIn } from "../../scripts/stand-ins/s3";

const BUCKETS = {
  S3_BUCKET_UPLOADS: "test-uploads",
  S3_BUCKET_CONTACT_LISTS: "test-contact-lists",
  S3_BUCKET_SNAPSHOTS: "test-snapshots",
  S3_BUCKET_BACKUPS: "test-backups",
  S3_BUCKET_BRANDING: "test-branding",
};

/** An S3 stand-in of the test file's own, in a temporary directory, with the SDK pointed at it. */
export function s3StandInForThisFile(): { url: () => string; environment: () => Record<string, string> } {
  let standIn: S3StandIn | undefined;
  let directory: string | undefined;
  const environment = () => ({
    ...BUCKETS,
    AWS_ENDPOINT_URL_S3: standIn!.url,
    AWS_ACCESS_KEY_ID: S3_STAND_IN_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3_STAND_IN_CREDENTIALS.secretAccessKey,
  });
  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "tidings-s3-"));
    standIn = await startS3StandIn({ directory, buckets: Object.values(BUCKETS) });
    Object.assign(process.env, environment());
    resetConfig();
  });
  afterAll(async () => {
    await standIn?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });
  return { url: () => standIn!.url, environment };
}
