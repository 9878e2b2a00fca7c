import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import S3rver from "s3rver";

/** Browsers PUT uploads straight to the stand-in at presigned URLs, from the console's origin. */
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>`;

export type S3StandIn = { url: string; close: () => Promise<void> };

/** The only key pair s3rver knows; the SDK signs with it when pointed at the stand-in. */
export const S3_STAND_IN_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/**
 * An S3 stand-in (s3rver) keeping its objects in `directory`, with the given buckets: `npm start`
 * runs one when no AWS account is configured, and the tests start their own, so the same S3 client
 * and the same code paths run on a laptop, in tests and against AWS.
 */
export async function startS3StandIn(options: {
  directory: string;
  buckets: string[];
  port?: number;
}): Promise<S3StandIn> {
  await mkdir(options.directory, { recursive: true });
  const server = new S3rver({
    address: "127.0.0.1",
    port: options.port ?? 0,
    directory: options.directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [CORS] })),
  });
  const address = (await server.run()) as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}
