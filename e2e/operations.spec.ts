import { expect, expectAccessible, signIn, snapshot, test } from "./support/fixtures";

test("a platform administrator sees the scheduled jobs, runs one now and sees what it did", async ({
  page,
  admin,
  user,
}) => {
  await signIn(page, admin);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Platform admin" }).getByRole("link", { name: "Scheduled jobs" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Scheduled jobs" })).toBeVisible();
  const row = page.getByRole("row", { name: /cleanup-expired-sessions/ });
  await expect(row).toContainText("*/15 * * * *");
  await expect(row).toContainText("UTC");
  await expect(page.getByRole("row", { name: /write-daily-snapshot/ })).toContainText("0 2 * * *");
  await expect(page.getByText("No scheduled job has failed recently.")).toBeVisible();

  await row.getByRole("button", { name: "Run now cleanup-expired-sessions" }).click();
  await expect(page.getByText("cleanup-expired-sessions is queued")).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("row", { name: /cleanup-expired-sessions/ })).toContainText("Succeeded");
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("row", { name: /cleanup-expired-sessions/ })).toContainText(
    /Deleted \d+ expired session/,
  );
  await expectAccessible(page);
  await snapshot(page, "admin-scheduled-jobs");

  await page.context().clearCookies();
  await signIn(page, user);
  expect((await page.goto("/admin/scheduled-jobs"))?.status()).toBe(403);
});
