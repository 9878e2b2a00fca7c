import { expect, signIn, test } from "./support/fixtures";

test("a member without 'send messages' opens none of the upload, job and contact list pages, nor their downloads", async ({
  page,
  user,
}) => {
  const { makeService, makeTemplate } = await import("../tests/support/factories");
  const { db } = await import("@/lib/db");
  const service = await makeService({
    name: `No sending ${Date.now()}`,
    members: [{ userId: user.id, permissions: ["manage_templates", "view_activity"] }],
  });
  const template = await makeTemplate(service.id, { type: "email" });
  // Rows as a check and a job leave them; the pages refuse before reading anything in S3.
  const file = await db.recipientFile.create({
    data: {
      serviceId: service.id,
      templateId: template.id,
      type: "email",
      bucket: "uploads",
      objectKey: `service-${service.id}/seeded.csv`,
      originalName: "people.csv",
      sizeBytes: 100,
      status: "valid",
      rowsChecked: 1,
      rowCount: 1,
      columns: ["email address", "name", "reference"],
      recipientColumn: "email address",
      fileErrors: [],
      checkedAt: new Date(),
    },
  });
  const job = await db.job.create({
    data: {
      serviceId: service.id,
      templateId: template.id,
      templateVersion: 1,
      type: "email",
      name: "people.csv",
      fileId: file.id,
      rowCount: 1,
    },
  });
  const contactList = await db.contactList.create({
    data: { serviceId: service.id, name: "Tenants", fileId: file.id, createdById: user.id },
  });

  await signIn(page, user);
  for (const path of [
    "uploads",
    `uploads/${file.id}`,
    `jobs/${job.id}`,
    `jobs/${job.id}/report`,
    "contact-lists",
    `contact-lists/${contactList.id}`,
    `send/${template.id}/upload`,
  ]) {
    expect((await page.request.get(`/services/${service.id}/${path}`)).status(), path).toBe(403);
  }
  await page.goto(`/services/${service.id}/contact-lists/${contactList.id}`);
  await expect(page.getByRole("heading", { name: "You do not have permission to see this page" })).toBeVisible();

  // The same member with the permission opens them (so the refusals above are the permission's).
  await db.serviceMember.update({
    where: { serviceId_userId: { serviceId: service.id, userId: user.id } },
    data: { permissions: ["manage_templates", "view_activity", "send_messages"] },
  });
  for (const path of ["uploads", `jobs/${job.id}`, "contact-lists", `contact-lists/${contactList.id}`])
    expect((await page.request.get(`/services/${service.id}/${path}`)).status(), path).toBe(200);
});
