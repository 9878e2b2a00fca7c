import { errorSummary, expect, expectAccessible, signIn, snapshot, test } from "./support/fixtures";

test("a manager adds a checked reply-to address and text message senders, and switches international texts on", async ({
  page,
  user,
}) => {
  const { makeService } = await import("../tests/support/factories");
  const service = await makeService({ name: `Roads ${Date.now()}`, members: [{ userId: user.id }] });
  await signIn(page, user);
  await page.goto(`/services/${service.id}/settings`);
  await page.getByRole("link", { name: "Change text messages" }).click();
  await page.getByRole("group", { name: "Send text messages to international numbers" }).getByLabel("Yes").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Text messages: saved")).toBeVisible();
  await expect(page.getByRole("region", { name: "Text messages" })).toContainText("Send to international numbersOn");

  await page.getByRole("link", { name: "Reply-to addresses and text message senders" }).click();
  await expect(page.getByText("No reply-to addresses yet.")).toBeVisible();
  await page.getByLabel("Add a reply-to email address").fill("not an address");
  await page.getByRole("button", { name: "Check and add" }).click();
  await expect(errorSummary(page)).toContainText("Enter an email address in the correct format");
  await page.getByLabel("Add a reply-to email address").fill("roads@example.gov");
  await page.getByRole("button", { name: "Check and add" }).click();
  // The simulated provider delivers the check email after a moment; the page follows it.
  await page.getByRole("button", { name: "Add roads@example.gov" }).click({ timeout: 30_000 });
  await expect(page.getByText("Reply-to address added")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "roads@example.gov" })).toContainText("Default");

  await page.getByLabel("Add a text message sender").fill("X");
  await page.getByRole("button", { name: "Add sender" }).click();
  await expect(errorSummary(page)).toContainText("3 to 11 letters and numbers");
  await page.getByLabel("Add a text message sender").fill("ROADS");
  await page.getByRole("button", { name: "Add sender" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: /ROADS/ })).toContainText("Default");
  await expectAccessible(page);
  await snapshot(page, "settings-senders");

  await page.getByRole("link", { name: "Remove ROADS", exact: true }).click();
  await page.getByRole("button", { name: "Yes, remove ROADS", exact: true }).click();
  await expect(page.getByText("No text message senders yet.")).toBeVisible();
});

test("a trial service asks to go live and a platform administrator makes it live", async ({ page, user, admin }) => {
  const { makeService } = await import("../tests/support/factories");
  const service = await makeService({ name: `Libraries ${Date.now()}`, members: [{ userId: user.id }] });
  await signIn(page, user);
  await page.goto(`/services/${service.id}/settings`);
  await page.getByRole("link", { name: "Request to go live" }).click();
  await page.getByRole("button", { name: "Request to go live" }).click();
  await expect(errorSummary(page)).toContainText("Say what the service sends and to whom");
  await page.getByLabel("How many emails will you send in a year?").fill("5000");
  await page.getByLabel("How many text messages will you send in a year?").fill("200");
  await page.getByLabel("What will you send, and to whom?").fill("Overdue book reminders to library members");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Request to go live" }).click();
  await expect(page.getByText("Your request to go live was sent")).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, admin);
  await page.goto("/admin");
  await expect(page.getByText("Overdue book reminders to library members")).toBeVisible();
  await page.getByRole("button", { name: `Make live ${service.name}` }).click();
  await expect(page.getByText(service.name)).toHaveCount(1);
  await expect(page.getByRole("button", { name: `Make live ${service.name}` })).toHaveCount(0);
});
