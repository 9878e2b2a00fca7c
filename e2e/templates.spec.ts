import { errorSummary, expect, expectAccessible, signIn, snapshot, test } from "./support/fixtures";

test("a member creates, edits, files and deletes templates with a live preview and version history", async ({
  page,
  user,
}) => {
  const { makeService, makeTemplate } = await import("../tests/support/factories");
  const service = await makeService({ name: `Parking ${Date.now()}`, members: [{ userId: user.id }] });
  const other = await makeService({ name: `Libraries ${Date.now()}`, members: [{ userId: user.id }] });
  await makeTemplate(other.id, { type: "sms", name: "Book reminder", content: "Your book ((title)) is due back" });
  await signIn(page, user);
  await page.goto(`/services/${service.id}/templates`);
  await expect(page.getByText("You have not added any templates yet.")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("New folder").fill("Permits");
  await page.getByRole("button", { name: "Add folder" }).click();
  await expect(page.getByText("Folder ‘Permits’ created")).toBeVisible();

  await page.getByRole("link", { name: "New template" }).click();
  await page.getByRole("link", { name: "Email", exact: true }).click();
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(errorSummary(page)).toContainText("Enter a name for this template");
  await expect(errorSummary(page)).toContainText("Enter a subject line");

  await page.getByLabel("Template name").fill("Permit approved");
  await page.getByLabel("Subject line of the email").fill("Your permit ((permit number))");
  await page
    .getByLabel("Message")
    .fill("# Good news\n\nDear ((name)),\n\nYour permit is approved.\n\n* Display it on your windscreen");
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("heading", { name: "Good news" })).toBeVisible();
  await expect(preview.locator("mark.placeholder")).toHaveText(["((permit number))", "((name))"]);
  await page.getByLabel("Folder").selectOption({ label: "Permits" });
  await expectAccessible(page);
  await snapshot(page, "template-editor-email");
  await page.getByRole("button", { name: "Save template" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Permit approved" })).toBeVisible();
  await expect(page.getByText("Template saved")).toBeVisible();
  await expect(page.getByText("Placeholders: permit number, name.")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "template-page");

  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page
    .getByLabel("Message")
    .fill(
      "# Good news\n\nDear ((name)),\n\nYour permit is approved and valid for a year.\n\n* Display it on your windscreen",
    );
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("version 2")).toBeVisible();
  await page.getByRole("link", { name: "See previous versions" }).click();
  await expect(page.getByRole("heading", { name: /Version 2/ })).toContainText(user.email);
  await expect(page.locator("ins").first()).toContainText("and valid for a year");
  await expectAccessible(page);
  await snapshot(page, "template-versions");

  await page.goto(`/services/${service.id}/templates`);
  await page.getByRole("link", { name: /Permits/ }).click();
  await expect(page.getByRole("link", { name: "Permit approved" })).toBeVisible();

  await page.goto(`/services/${service.id}/templates/new?type=sms`);
  await page.getByLabel("Template name").fill("Permit code");
  await page.getByLabel("Text message").fill("Your code is ((code)). ".repeat(10));
  await expect(page.getByText(/characters as sent, charged as 2 text messages/)).toBeVisible();
  await page.getByRole("button", { name: "Save template" }).click();
  await page.getByRole("link", { name: "Delete this template" }).click();
  await expect(page.getByRole("heading", { name: "Delete ‘Permit code’?" })).toBeVisible();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByText("The template was deleted.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Permit code" })).toHaveCount(0);

  await page.getByRole("link", { name: "New template" }).click();
  await page.getByRole("link", { name: "Copy an existing template" }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Copy Book reminder" }).click();
  await expect(page.getByLabel("Template name")).toHaveValue("Copy of Book reminder");
});

test("a member who cannot manage templates sees them but cannot change them", async ({ page, user }) => {
  const { makeService, makeTemplate } = await import("../tests/support/factories");
  const service = await makeService({ members: [{ userId: user.id, permissions: ["view_activity"] }] });
  const template = await makeTemplate(service.id, { name: "Read only" });
  await signIn(page, user);
  await page.goto(`/services/${service.id}/templates/${template.id}`);
  await expect(page.getByRole("heading", { name: "Read only" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Send" })).toHaveCount(0);
  expect((await page.goto(`/services/${service.id}/templates/${template.id}/edit`))?.status()).toBe(403);
  expect((await page.goto(`/services/${service.id}/templates/new?type=email`))?.status()).toBe(403);
});
