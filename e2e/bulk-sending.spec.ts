import ExcelJS from "exceljs";
import { expect, expectAccessible, signIn, snapshot, test } from "./support/fixtures";

const ROWS = 10_000;
const BAD_ROWS = new Map([
  [41, "not-an-email"],
  [5_000, "someone@"],
  [9_876, ""],
]);

function csv(broken: boolean): Buffer {
  const lines = ["email address,name,reference"];
  for (let index = 0; index < ROWS; index++) {
    const bad = broken ? BAD_ROWS.get(index) : undefined;
    lines.push(`${bad ?? `person-${index}@example.com`},Person ${index},REF-${index}`);
  }
  return Buffer.from(lines.join("\n") + "\n");
}

test("a member uploads 10,000 recipients, sees the 3 bad rows, fixes them, sends, follows the job to 100% and downloads the report; an XLSX file works too", async ({
  page,
  user,
}) => {
  test.setTimeout(300_000);
  const { makeService, makeTemplate } = await import("../tests/support/factories");
  const { db } = await import("@/lib/db");
  const service = await makeService({ name: `Bulk ${Date.now()}`, trialMode: false, members: [{ userId: user.id }] });
  await db.service.update({ where: { id: service.id }, data: { emailMessageLimit: 100_000 } });
  const template = await makeTemplate(service.id, { type: "email", name: "Rent review" });

  // With JavaScript the browser puts each file straight into S3 at a presigned URL, not through the web app.
  const directUploads: string[] = [];
  page.on("requestfinished", (request) => {
    if (request.method() === "PUT" && !request.url().startsWith(new URL(page.url()).origin))
      directUploads.push(request.url());
  });
  await signIn(page, user);
  await page.goto(`/services/${service.id}/templates/${template.id}`);
  await page.getByRole("link", { name: "Upload a list of recipients" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Upload a list of recipients" })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "bulk-upload");

  await page
    .getByLabel("Spreadsheet of recipients")
    .setInputFiles({ name: "tenants.csv", mimeType: "text/csv", buffer: csv(true) });
  await page.getByRole("button", { name: "Upload file" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "There is a problem with ‘tenants.csv’" })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText("3 of 10,000 rows have errors")).toBeVisible();
  const errors = page.getByRole("table", { name: "Rows with errors" });
  await expect(errors.getByRole("row")).toHaveCount(4);
  await expect(errors).toContainText("not-an-email");
  await expect(errors).toContainText("Not a valid email address");
  await expect(errors).toContainText("Missing email address");
  await expectAccessible(page);
  await snapshot(page, "bulk-errors");

  await page.getByRole("link", { name: "Upload your file again" }).click();
  await page
    .getByLabel("Spreadsheet of recipients")
    .setInputFiles({ name: "tenants.csv", mimeType: "text/csv", buffer: csv(false) });
  await page.getByRole("button", { name: "Upload file" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "‘tenants.csv’ is ready to send" })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByRole("table", { name: "The first 10 rows" })).toContainText("person-0@example.com");
  await expectAccessible(page);
  await snapshot(page, "bulk-ready");

  await page.getByRole("button", { name: "Send 10,000 emails" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "tenants.csv", exact: true })).toBeVisible();
  // While the worker creates the messages, how many of the rows it has created so far.
  await expect(page.getByText(/^(Starting|Creating messages: [\d,]+ of 10,000|All messages created)$/)).toBeVisible();
  await snapshot(page, "bulk-job-running");
  await expect(page.getByRole("progressbar", { name: "Finished" })).toHaveAttribute("aria-valuenow", "100", {
    timeout: 240_000,
  });
  await expect(page.getByText("All messages created")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "bulk-job-finished");

  const report = await page.request.get(page.url() + "/report");
  expect(report.headers()["content-type"]).toContain("text/csv");
  const lines = (await report.text()).trim().split("\n");
  expect(lines[0]).toBe("Row number,Recipient,Status,Time (UTC),Reason");
  expect(lines).toHaveLength(ROWS + 1);
  expect(lines[1]).toMatch(/^2,person-0@example\.com,Delivered,/);

  await page.getByRole("link", { name: "Uploads", exact: true }).first().click();
  await expect(page.getByRole("table", { name: "Jobs" })).toContainText("tenants.csv");
  await snapshot(page, "bulk-uploads");

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Tenants");
  sheet.addRow(["Email Address", "Name", "Reference"]);
  sheet.addRow(["ada@example.com", "Ada", "R-1"]);
  sheet.addRow(["grace@example.com", "Grace", "R-2"]);
  await page.goto(`/services/${service.id}/send/${template.id}/upload`);
  await page.getByLabel("Spreadsheet of recipients").setInputFiles({
    name: "tenants.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
  });
  await page.getByRole("button", { name: "Upload file" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "‘tenants.xlsx’ is ready to send" })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByRole("table", { name: "Rows" })).toContainText("grace@example.com");
  await snapshot(page, "bulk-xlsx-ready");
  expect(directUploads).toHaveLength(3);
  expect(directUploads.every((url) => url.includes(`/service-${service.id}/`))).toBe(true);
});
