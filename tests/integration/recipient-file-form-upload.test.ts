import { Readable } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { OPERATOR } from "@/lib/permissions";
import { uploadErrorOf, uploadErrorToken, uploadRecipientFileForm } from "@/lib/recipient-files/form-upload";
import { objectInfo } from "@/lib/storage/s3";
import { makeService, makeTemplate } from "../support/factories";
import { makeLiveService } from "../support/recipient-files";
import { s3StandInForThisFile } from "../support/s3";

s3StandInForThisFile();

const BOUNDARY = "----tidings-test-boundary";
const MB = 1024 * 1024;

/** One megabyte of CSV rows, sent again and again: a file of any size without holding it. */
const ROWS_MB = (() => {
  const line = "someone@example.com,Someone,REF-1\n";
  return Buffer.from(line.repeat(Math.floor(MB / line.length)) + "x".repeat(MB % line.length));
})();

/** A browser's multipart form post: a `file` part of `megabytes` of CSV rows (or `content`), generated as it is read. */
function formBody(options: {
  fileName: string;
  megabytes?: number;
  content?: string;
  cutShort?: boolean;
  /** Called after each megabyte is read. */
  onMegabyte?: (index: number) => void;
}): Readable {
  async function* generate() {
    yield Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${options.fileName}"\r\n` +
        "Content-Type: text/csv\r\n\r\n",
    );
    if (options.content !== undefined) yield Buffer.from(options.content);
    else {
      yield Buffer.from("email address,name,reference\n");
      for (let index = 0; index < (options.megabytes ?? 0); index++) {
        yield ROWS_MB;
        options.onMegabyte?.(index);
      }
    }
    if (!options.cutShort) yield Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  }
  return Readable.from(generate(), { objectMode: false });
}

async function setUp() {
  const service = await makeLiveService((await makeService()).id);
  const template = await makeTemplate(service.id, { type: "email" });
  const upload = (body: Readable) =>
    uploadRecipientFileForm({
      actor: OPERATOR,
      serviceId: service.id,
      templateId: template.id,
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      body,
    });
  return { service, template, upload };
}

// A full collection when asked: what is live, not garbage not yet swept, is what is measured.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
const liveMb = () => {
  collectGarbage();
  const memory = process.memoryUsage();
  return (memory.heapUsed + memory.arrayBuffers) / MB;
};

describe("the upload form posted without JavaScript", () => {
  it("streams the file to S3 as it arrives: the process never holds more than a few parts of it", async () => {
    const { service, upload } = await setUp();
    const before = liveMb();
    let mostHeld = 0;
    const fileId = await upload(
      formBody({
        fileName: "people.csv",
        megabytes: 99,
        onMegabyte: (index) => {
          if (index % 10 === 9) mostHeld = Math.max(mostHeld, liveMb() - before);
        },
      }),
    );
    // Held whole, the file would be 10, 20, … 90 MB of it by these points. Streamed, what is held is
    // the S3 upload's parts in flight (5 MB each, four at once) and the stand-in's copies of them.
    expect(mostHeld).toBeLessThan(60);
    const file = await db.recipientFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(file).toMatchObject({ serviceId: service.id, status: "checking", originalName: "people.csv" });
    expect(file.sizeBytes).toBe(99 * MB + "email address,name,reference\n".length);
    expect((await objectInfo("uploads", file.objectKey))?.size).toBe(file.sizeBytes);
  });

  it("refuses a file over 100 MB as soon as it passes the limit, keeping nothing of it", async () => {
    const { service, upload } = await setUp();
    await expect(upload(formBody({ fileName: "huge.csv", megabytes: 101 }))).rejects.toMatchObject({
      fieldErrors: { file: "The file is larger than 100 MB. Split it into smaller files." },
    });
    expect(await db.recipientFile.count({ where: { serviceId: service.id } })).toBe(0);
  });

  it("says beside the field what is wrong: no file, not a spreadsheet, a post cut short", async () => {
    const { service, upload } = await setUp();
    await expect(upload(formBody({ fileName: "", content: "" }))).rejects.toMatchObject({
      fieldErrors: { file: "Choose a file to upload" },
    });
    await expect(upload(formBody({ fileName: "empty.csv", content: "" }))).rejects.toMatchObject({
      fieldErrors: { file: "Choose a file to upload" },
    });
    await expect(upload(formBody({ fileName: "notes.pdf", content: "%PDF" }))).rejects.toMatchObject({
      fieldErrors: { file: "The file must be a spreadsheet: CSV, TSV, XLSX or ODS" },
    });
    await expect(
      upload(formBody({ fileName: "people.csv", content: "email address\na@example.com\n", cutShort: true })),
    ).rejects.toMatchObject({ fieldErrors: { file: "The file did not arrive whole. Upload it again." } });
    await expect(
      uploadRecipientFileForm({
        actor: OPERATOR,
        serviceId: service.id,
        templateId: (await makeTemplate(service.id)).id,
        contentType: "text/plain",
        body: Readable.from([Buffer.from("hello")]),
      }),
    ).rejects.toMatchObject({ fieldErrors: { file: "Choose a file to upload" } });
    expect(await db.recipientFile.count({ where: { serviceId: service.id } })).toBe(0);

    // The error goes back to the form in its address, signed: words put there by anyone else are not shown.
    const token = uploadErrorToken("The file must be a spreadsheet: CSV, TSV, XLSX or ODS");
    expect(uploadErrorOf(token)).toBe("The file must be a spreadsheet: CSV, TSV, XLSX or ODS");
    expect(uploadErrorOf(`${Buffer.from("Call 0800 000 000 now").toString("base64url")}.${token.split(".")[1]}`)).toBe(
      null,
    );
    expect(uploadErrorOf(undefined)).toBe(null);
  });
});
