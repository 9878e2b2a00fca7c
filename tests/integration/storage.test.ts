import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config";
import { deleteObject, objectInfo, objectStream, presignedUpload, putObject } from "@/lib/storage/s3";
import { s3StandInForThisFile } from "../support/s3";
import { startStallingProxy, type StallingProxy } from "../support/stalling-proxy";

const s3 = s3StandInForThisFile();

describe("files in S3 (through the real SDK client, against the stand-in)", () => {
  it("stores a stream with metadata, reads it back as a stream, and deletes it", async () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => `person-${index}@example.com,Ada ${index}\n`);
    await putObject({
      bucket: "uploads",
      key: "service-1/list.csv",
      body: Readable.from(["email address,name\n", ...rows]),
      contentType: "text/csv",
      metadata: { rows: "20000", status: "valid" },
    });
    expect(await objectInfo("uploads", "service-1/list.csv")).toMatchObject({
      metadata: { rows: "20000", status: "valid" },
    });
    const content = await text(await objectStream("uploads", "service-1/list.csv"));
    expect(content.split("\n")).toHaveLength(20_002);
    await deleteObject("uploads", "service-1/list.csv");
    expect(await objectInfo("uploads", "service-1/list.csv")).toBeNull();
  });

  it("takes a browser's upload at a presigned URL (no checksum of an empty body) and stores it whole", async () => {
    const uploadUrl = await presignedUpload("uploads", "service-1/from-browser.csv", "text/csv");
    const put = await fetch(uploadUrl, {
      method: "PUT",
      headers: { "Content-Type": "text/csv" },
      body: "phone number\n07700900123\n",
    });
    expect(put.status).toBe(200);
    expect(await text(await objectStream("uploads", "service-1/from-browser.csv"))).toBe("phone number\n07700900123\n");
  });
});

describe("when S3 is out of reach during an upload", () => {
  let proxy: StallingProxy;
  beforeAll(async () => {
    proxy = await startStallingProxy(s3.url());
    process.env.AWS_ENDPOINT_URL_S3 = proxy.url;
    resetConfig();
    (globalThis as { tidingsS3?: unknown }).tidingsS3 = undefined;
  });
  afterAll(async () => {
    proxy.resume();
    await proxy.close();
  });

  it("fails with a clear error and stores nothing, neither from the start nor half-way through a large file", async () => {
    proxy.cut();
    const refused = await putObject({
      bucket: "uploads",
      key: "service-1/refused.csv",
      body: "email address\nada@example.com\n",
      contentType: "text/csv",
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      name: "AppError",
      code: "unavailable",
      message: expect.stringMatching(/file storage is unavailable/),
    });
    proxy.resume();
    expect(await objectInfo("uploads", "service-1/refused.csv")).toBeNull();

    // 12 MB in 5 MB parts: S3 goes away once the first part is on its way.
    const megabyte = "x".repeat(1024 * 1024 - 1) + "\n";
    let produced = 0;
    const body = Readable.from(
      (function* () {
        for (; produced < 12; produced++) {
          if (produced === 6) proxy.cut();
          yield megabyte;
        }
      })(),
    );
    const failed = await putObject({
      bucket: "uploads",
      key: "service-1/large.csv",
      body,
      contentType: "text/csv",
    }).catch((error: unknown) => error);
    expect(failed).toMatchObject({ name: "AppError", code: "unavailable" });
    expect(body.destroyed).toBe(true);
    proxy.resume();
    expect(await objectInfo("uploads", "service-1/large.csv")).toBeNull();
    // Storage works again at once.
    await putObject({ bucket: "uploads", key: "service-1/after.csv", body: "ok\n", contentType: "text/csv" });
    expect(await objectInfo("uploads", "service-1/after.csv")).not.toBeNull();
  });
});
