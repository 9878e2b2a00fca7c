import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import {
  deleteObject,
  objectInfo,
  objectStream,
  presignedDownload,
  presignedUpload,
  putObject,
} from "@/lib/storage/s3";
import { s3StandInForThisFile } from "../support/s3";

s3StandInForThisFile();

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

  it("takes a browser's upload at a presigned URL (no checksum of an empty body) and serves it back at another", async () => {
    const uploadUrl = await presignedUpload("uploads", "service-1/from-browser.csv", "text/csv");
    const put = await fetch(uploadUrl, {
      method: "PUT",
      headers: { "Content-Type": "text/csv" },
      body: "phone number\n07700900123\n",
    });
    expect(put.status).toBe(200);
    const download = await fetch(await presignedDownload("uploads", "service-1/from-browser.csv", "list.csv"));
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="list.csv"');
    expect(await download.text()).toBe("phone number\n07700900123\n");
  });
});
