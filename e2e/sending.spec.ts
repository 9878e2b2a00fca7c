import { errorSummary, expect, expectAccessible, signIn, snapshot, test } from "./support/fixtures";

test("a member sends themselves a test from a template, follows it to delivered, finds it in activity and downloads it", async ({
  page,
  user,
}) => {
  const { makeService, makeTemplate } = await import("../tests/support/factories");
  const service = await makeService({ name: `Housing ${Date.now()}`, members: [{ userId: user.id }] });
  const template = await makeTemplate(service.id, {
    type: "email",
    name: "Repair booked",
    subject: "Repair on ((date))",
    content: "Dear ((name)),\n\nYour repair is booked for ((date)).",
  });
  await signIn(page, user);
  await page.goto(`/services/${service.id}/templates/${template.id}`);
  await page.getByRole("link", { name: "Send", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Send ‘Repair booked’" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: /Use my email address/ }).click();
  await expect(page.getByLabel("Email address")).toHaveValue(user.email);
  await page.getByLabel("name").fill("Ellis");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toContainText("Enter a value for ((date))");
  await expect(page.getByLabel("name")).toHaveValue("Ellis");
  await page.getByLabel("date").fill("1 December");
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText("Dear Ellis,")).toBeVisible();
  await expect(page.getByText("Repair on 1 December")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "send-check");
  await page.getByRole("button", { name: "Send 1 email" }).click();

  await expect(page.getByText("Your message was accepted.")).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Delivered", { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("list").filter({ hasText: "Handed to the email provider" })).toContainText("Delivered");
  await expectAccessible(page);
  await snapshot(page, "notification");

  await page.getByRole("link", { name: "Activity", exact: true }).first().click();
  await expect(page.getByRole("table")).toContainText(user.email);
  await expectAccessible(page);
  await snapshot(page, "activity");
  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No messages match these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();

  const download = await page.request.get(`/services/${service.id}/activity/export`);
  expect(download.headers()["content-type"]).toContain("text/csv");
  const csv = await download.text();
  expect(csv.split("\n")[0]).toBe(
    "Recipient,Reference,Template,Type,Status,Status description,Created (UTC),Notification ID",
  );
  expect(csv).toContain(`${user.email},,Repair booked,email,delivered,Delivered`);

  await page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("region", { name: "Emails" })).toContainText("1 delivered");
  await expectAccessible(page);
  await snapshot(page, "dashboard");
});

test("someone outside a service cannot download its activity", async ({ page, user }) => {
  const { makeService } = await import("../tests/support/factories");
  const theirs = await makeService();
  await signIn(page, user);
  expect((await page.request.get(`/services/${theirs.id}/activity/export`)).status()).toBe(404);
  expect((await page.request.get(`/services/${theirs.id}/dashboard-summary`)).status()).toBe(404);
});
