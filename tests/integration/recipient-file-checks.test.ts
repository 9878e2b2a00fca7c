import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { checkRecipientRows, type RowInError } from "@/lib/recipient-files/check-rows";
import { readSpreadsheetRows } from "@/lib/recipient-files/read-spreadsheet";
import { finishDirectUpload, startDirectUpload } from "@/lib/recipient-files/direct-upload";
import { checkStoredRecipientFile } from "@/lib/recipient-files/check-stored-file";
import { checkUploadable, uploadRecipientFile } from "@/lib/recipient-files/upload-recipient-file";
import { OPERATOR } from "@/lib/permissions";
import { SENDING_SERVICE_FIELDS } from "@/lib/services/sending-service";
import { objectInfo, type Bucket } from "@/lib/storage/s3";
import { makeService, makeTemplate, makeUser } from "../support/factories";
import { emailCsv, makeLiveService, uploadAndCheck } from "../support/recipient-files";
import { s3StandInForThisFile } from "../support/s3";

s3StandInForThisFile();

let live: { id: string };
let email: { id: string };
let sms: { id: string };

beforeAll(async () => {
  live = await makeLiveService((await makeService()).id, 1_000);
  email = await makeTemplate(live.id, { type: "email" });
  sms = await makeTemplate(live.id, { type: "sms" });
});

const errorsOf = (file: { rowErrors: unknown }) => file.rowErrors as RowInError[];
const reasonsOf = (file: { rowErrors: unknown }) =>
  errorsOf(file).map((row) => [row.rowNumber, row.cellErrors.filter(Boolean).join("; ") || row.rowError]);

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("People");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function ods(rows: string[][]): Buffer {
  const cells = (row: string[]) =>
    row
      .map((cell) => `<table:table-cell office:value-type="string"><text:p>${cell}</text:p></table:table-cell>`)
      .join("");
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
<office:body><office:spreadsheet><table:table table:name="Sheet1">
${rows.map((row) => `<table:table-row>${cells(row)}<table:table-cell table:number-columns-repeated="1000"/></table:table-row>`).join("\n")}
<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table><table:table table:name="Other"><table:table-row><table:table-cell><text:p>ignored</text:p></table:table-cell></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>`;
  return Buffer.from(
    zipSync({
      mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
      "content.xml": strToU8(content),
      "META-INF/manifest.xml": strToU8("<manifest/>"),
    }),
  );
}

describe("checking a spreadsheet of recipients (the worker's job, on files in S3)", () => {
  it("accepts a good CSV: row count, the first rows as they will be sent, and the result in the object's S3 metadata", async () => {
    const file = await uploadAndCheck(live.id, email.id, "people.csv", emailCsv(25));
    expect(file).toMatchObject({ status: "valid", rowCount: 25, rowsChecked: 25, errorRowCount: 0, fileErrors: [] });
    expect(file.recipientColumn).toBe("email address");
    expect((file.previewRows as unknown[]).length).toBe(10);
    expect(file.objectKey).toBe(`service-${live.id}/${file.id}.csv`);
    expect((await objectInfo(file.bucket as Bucket, file.objectKey))!.metadata).toMatchObject({
      valid: "true",
      "row-count": "25",
      "template-id": email.id,
    });
  });

  it(
    "writes its progress (bytes and rows checked) while it runs, for the page's progress bar",
    { timeout: 120_000 },
    async () => {
      const roomy = await makeLiveService((await makeService()).id);
      const template = await makeTemplate(roomy.id, { type: "email" });
      const rows = 200_000;
      const body = Buffer.from(emailCsv(rows));
      const fileId = await uploadRecipientFile({
        actor: OPERATOR,
        serviceId: roomy.id,
        templateId: template.id,
        fileName: "people.csv",
        sizeBytes: body.length,
        body,
      });
      const progress = () =>
        db.recipientFile.findUniqueOrThrow({
          where: { id: fileId },
          select: { status: true, bytesChecked: true, rowsChecked: true },
        });
      const seen: { bytesChecked: number; rowsChecked: number }[] = [];
      let checking = true;
      const check = checkStoredRecipientFile(fileId).finally(() => (checking = false));
      while (checking) {
        const now = await progress();
        if (now.status === "checking" && now.bytesChecked > 0) seen.push(now);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await check;

      // Seen partway at least once; the last write may come with every byte read, before the status changes.
      expect(seen.some((moment) => moment.bytesChecked < body.length && moment.rowsChecked < rows)).toBe(true);
      for (const moment of seen) {
        expect(moment.bytesChecked).toBeLessThanOrEqual(body.length);
        expect(moment.rowsChecked).toBeGreaterThan(0);
        expect(moment.rowsChecked).toBeLessThanOrEqual(rows);
      }
      // It only moves forward.
      const bytes = seen.map((moment) => moment.bytesChecked);
      expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
      expect(await progress()).toMatchObject({ status: "valid", rowsChecked: rows, bytesChecked: 0 });
    },
  );

  it("takes a browser's upload straight to S3 at a presigned URL, then records and checks it", async () => {
    const content = emailCsv(12);
    const started = await startDirectUpload({
      actor: OPERATOR,
      serviceId: live.id,
      templateId: email.id,
      fileName: "direct.csv",
      sizeBytes: content.length,
    });
    await expect(
      finishDirectUpload({
        actor: OPERATOR,
        serviceId: live.id,
        templateId: email.id,
        fileId: started.fileId,
        fileName: "direct.csv",
      }),
    ).rejects.toThrow("upload the file again");
    const put = await fetch(started.url, {
      method: "PUT",
      headers: { "Content-Type": started.contentType },
      body: content,
    });
    expect(put.status).toBe(200);
    const fileId = await finishDirectUpload({
      actor: OPERATOR,
      serviceId: live.id,
      templateId: email.id,
      fileId: started.fileId,
      fileName: "direct.csv",
    });
    await checkStoredRecipientFile(fileId);
    expect(await db.recipientFile.findUniqueOrThrow({ where: { id: fileId } })).toMatchObject({
      status: "valid",
      rowCount: 12,
      sizeBytes: content.length,
      objectKey: `service-${live.id}/${fileId}.csv`,
    });
    await expect(
      startDirectUpload({
        actor: OPERATOR,
        serviceId: live.id,
        templateId: email.id,
        fileName: "x.pdf",
        sizeBytes: 10,
      }),
    ).rejects.toThrow("CSV, TSV, XLSX or ODS");
  });

  it("matches the recipient column ignoring case, spaces, _ and -, skips empty rows, and reads TSV, XLSX and ODS", async () => {
    const tsv = await uploadAndCheck(
      live.id,
      email.id,
      "people.tsv",
      "Email_Address\tNAME\tRe-ference\na@example.com\tA\tR\n\t\t\nb@example.com\tB\tR\n",
    );
    expect(tsv).toMatchObject({ status: "valid", rowCount: 2, recipientColumn: "Email_Address" });

    const workbook = await xlsx([
      ["phone number", "name", "code"],
      ["07123456781", "Ada", 1234],
      [],
      ["+447123456782", "Grace", 5678],
    ]);
    const fromXlsx = await uploadAndCheck(live.id, sms.id, "people.xlsx", workbook);
    expect(fromXlsx).toMatchObject({ status: "valid", rowCount: 2 });
    expect(fromXlsx.previewRows).toEqual([
      { rowNumber: 2, cells: ["07123456781", "Ada", "1234"] },
      { rowNumber: 4, cells: ["+447123456782", "Grace", "5678"] },
    ]);

    const fromOds = await uploadAndCheck(
      live.id,
      sms.id,
      "people.ods",
      ods([
        ["Phone Number", "name", "code"],
        ["07123456781", "Ada", "1"],
        ["07123456782", "Grace &amp; co", "2"],
      ]),
    );
    expect(fromOds).toMatchObject({ status: "valid", rowCount: 2 });
    expect((fromOds.previewRows as { cells: string[] }[])[1]!.cells).toEqual(["07123456782", "Grace & co", "2"]);
  });

  it("lists every row in error with the reason beside each cell: bad email, missing data", async () => {
    const file = await uploadAndCheck(
      live.id,
      email.id,
      "people.csv",
      "email address,name,reference\nok@example.com,Ok,R\nnot-an-email,Bad,R\nmissing@example.com,,R\n,NoOne,R\n",
    );
    expect(file).toMatchObject({ status: "invalid", errorRowCount: 3, rowCount: 4 });
    expect(reasonsOf(file)).toEqual([
      [3, "Not a valid email address"],
      [4, "Missing"],
      [5, "Missing email address"],
    ]);
    expect(errorsOf(file)[1]).toEqual({
      rowNumber: 4,
      cells: ["missing@example.com", "", "R"],
      cellErrors: [null, "Missing", null],
      rowError: null,
    });
  });

  it("shows only the first 20 rows in error but counts them all", async () => {
    const file = await uploadAndCheck(
      live.id,
      email.id,
      "people.csv",
      emailCsv(50, (index) => `bad-${index},N,R`),
    );
    expect(file.errorRowCount).toBe(50);
    expect(errorsOf(file)).toHaveLength(20);
  });

  it("refuses bad phone numbers and international numbers a service may not send to", async () => {
    const file = await uploadAndCheck(
      live.id,
      sms.id,
      "people.csv",
      "phone number,name,code\n07123456781,A,1\n12345,B,2\n+33612345678,C,3\n",
    );
    expect(reasonsOf(file)).toEqual([
      [3, expect.stringMatching(/number/)],
      [4, "Your service cannot send to international phone numbers"],
    ]);
  });

  it("refuses empty and too-long messages", async () => {
    const optional = await makeTemplate(live.id, { type: "email", subject: "Hi", content: "((show??Hello))" });
    const empty = await uploadAndCheck(
      live.id,
      optional.id,
      "people.csv",
      "email address,show\na@example.com,yes\nb@example.com,no\n",
    );
    expect(reasonsOf(empty)).toEqual([[3, "Your message is empty."]]);

    const long = await makeTemplate(live.id, { type: "sms", content: "((text))" });
    const tooLong = await uploadAndCheck(
      live.id,
      long.id,
      "people.csv",
      `phone number,text\n07123456781,short\n07123456782,${"x".repeat(1000)}\n`,
    );
    expect(reasonsOf(tooLong)).toEqual([[3, expect.stringContaining("Your message is too long")]]);
  });

  it("refuses suppressed recipients", async () => {
    await db.suppressionEntry.create({
      data: { serviceId: live.id, recipientType: "email", recipient: "bounced@example.com", reason: "bounce" },
    });
    const file = await uploadAndCheck(
      live.id,
      email.id,
      "people.csv",
      "email address,name,reference\nBounced@Example.com,A,R\nok@example.com,B,R\n",
    );
    expect(reasonsOf(file)).toEqual([[2, expect.stringContaining("suppression list")]]);
  });

  it("in trial mode, refuses recipients outside the team and the guest list", async () => {
    const member = await makeUser({ email: "member@example.gov" });
    const trial = await makeService({ trialMode: true, members: [{ userId: member.id }] });
    await db.serviceGuestListEntry.create({
      data: { serviceId: trial.id, recipientType: "email", recipient: "guest@example.gov" },
    });
    const template = await makeTemplate(trial.id, { type: "email" });
    const file = await uploadAndCheck(
      trial.id,
      template.id,
      "people.csv",
      "email address,name,reference\nmember@example.gov,A,R\nguest@example.gov,B,R\nstranger@example.com,C,R\n",
    );
    expect(reasonsOf(file)).toEqual([[4, expect.stringContaining("trial mode")]]);
  });

  it("refuses a file with more rows than the service can still send today", async () => {
    const small = await makeLiveService((await makeService()).id, 3);
    const template = await makeTemplate(small.id, { type: "email" });
    const file = await uploadAndCheck(small.id, template.id, "people.csv", emailCsv(4));
    expect(file.status).toBe("invalid");
    expect(file.fileErrors).toEqual([expect.stringContaining("You can only send 3 more emails today")]);
  });

  it.each([
    [
      "a missing column for a placeholder",
      "email address,name\na@example.com,A\n",
      "missing a column called ‘reference’",
    ],
    ["no recipient column", "name,reference\nA,R\n", "needs a column called ‘email address’"],
    [
      "duplicate recipient columns",
      "email address,Email_Address,name,reference\na@example.com,b@example.com,A,R\n",
      "more than one column called ‘email address’",
    ],
    ["an empty file", "\n\n", "The file is empty."],
    ["no header (an empty first row)", ",,\na@example.com,A,R\n", "must be its column headings"],
    ["headings but no rows", "email address,name,reference\n", "no rows of recipients"],
    ["a file that is not a spreadsheet", Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]), "not a spreadsheet"],
    [
      "an unknown encoding",
      Buffer.from("email address,name,reference\nzo\xe9@example.com,Zo\xe9,R\n", "latin1"),
      "text encoding",
    ],
    ["a CSV that is not valid CSV", 'email address,name,reference\n"a@example.com,A,R\n', "could not be read"],
  ])("refuses %s with a clear message", async (_what, content, message) => {
    const file = await uploadAndCheck(live.id, email.id, "people.csv", content);
    expect(file.status).toBe("invalid");
    expect((file.fileErrors as string[]).join(" ")).toContain(message);
  });

  it("refuses a workbook named .csv, and a CSV named .xlsx", async () => {
    const workbook = await xlsx([["email address", "name", "reference"]]);
    expect((await uploadAndCheck(live.id, email.id, "people.csv", workbook)).fileErrors).toEqual([
      expect.stringContaining("looks like a workbook"),
    ]);
    expect((await uploadAndCheck(live.id, email.id, "people.xlsx", emailCsv(2))).fileErrors).toEqual([
      expect.stringContaining("not a valid XLSX"),
    ]);
  });

  it("refuses files over the limits: more rows than allowed, more than 100 MB, not a spreadsheet by name", async () => {
    const service = await db.service.findUniqueOrThrow({ where: { id: live.id }, select: SENDING_SERVICE_FIELDS });
    const template = (await db.templateVersion.findFirstOrThrow({ where: { templateId: email.id } })) as never;
    const check = await checkRecipientRows(
      { service, type: "email", template },
      readSpreadsheetRows(Readable.from([Buffer.from(emailCsv(11))]), "csv", 1_000_000),
      async () => {},
      10,
    );
    expect(check.fileErrors).toEqual(["Your file has more than 10 rows. Split it into files of up to 10 rows."]);

    const bytes = await checkRecipientRows(
      { service, type: "email", template },
      readSpreadsheetRows(Readable.from([Buffer.from(emailCsv(1000))]), "csv", 1_000),
    );
    expect(bytes.fileErrors).toEqual([expect.stringContaining("larger than")]);

    expect(() => checkUploadable("people.csv", 101 * 1024 * 1024)).toThrow("larger than 100 MB");
    expect(() => checkUploadable("people.pdf", 100)).toThrow("CSV, TSV, XLSX or ODS");
    expect(() => checkUploadable("people.csv", 0)).toThrow("The file is empty");
    expect(() => checkUploadable("", 0)).toThrow("Choose a file");
  });
});

describe("a check that fails for a reason of Tidings' own", () => {
  it("stays checking while a retry follows, and ends refused with a message after the last attempt", async () => {
    const { checkRecipientFileJob } = await import("@/workers/jobs/bulk-sending");
    const { deleteObject } = await import("@/lib/storage/s3");
    const { uploadRecipientFile } = await import("@/lib/recipient-files/upload-recipient-file");
    const body = Buffer.from(emailCsv(3));
    const fileId = await uploadRecipientFile({
      actor: OPERATOR,
      serviceId: live.id,
      templateId: email.id,
      fileName: "people.csv",
      sizeBytes: body.length,
      body,
    });
    const file = await db.recipientFile.findUniqueOrThrow({ where: { id: fileId } });
    // The object gone from under the check stands in for S3 failing it.
    await deleteObject(file.bucket as Bucket, file.objectKey);
    const attempt = (isLastAttempt: boolean) =>
      checkRecipientFileJob.handler({ fileId }, {
        jobId: "job",
        retryCount: isLastAttempt ? 2 : 0,
        isLastAttempt,
        signal: new AbortController().signal,
        log: console,
      } as never);

    await expect(attempt(false)).rejects.toThrow();
    expect((await db.recipientFile.findUniqueOrThrow({ where: { id: fileId } })).status).toBe("checking");
    await expect(attempt(true)).rejects.toThrow();
    const failed = await db.recipientFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(failed.status).toBe("invalid");
    expect(failed.fileErrors).toEqual([expect.stringContaining("could not read the file. Upload it again")]);
  });
});
