import { errorSummary, expect, expectAccessible, latestSignInCode, PASSWORD, signIn, snapshot, test } from "./support/fixtures";

test("a person adds their mobile number, confirms it to get sign-in codes by text, and changes their password", async ({ page, user }) => {
  const mobile = `+4479111${String(Date.now()).slice(-5)}`;
  await signIn(page, user);
  await page.getByRole("link", { name: /Your account/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Mobile number (optional)").fill("020 7946 0000");
  await page.getByRole("button", { name: "Save your details" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await expect(page.getByLabel("Mobile number (optional)")).toHaveValue("020 7946 0000");
  await expectAccessible(page);
  await page.getByLabel("Mobile number (optional)").fill(`0${mobile.slice(3)}`);
  await page.getByRole("button", { name: "Save your details" }).click();
  await expect(page.getByText("Your details were saved")).toBeVisible();

  await page.getByRole("button", { name: "Get sign-in codes by text message instead" }).click();
  await expect(page.getByText(`We texted a code to ${mobile}.`)).toBeVisible();
  await page.getByLabel("Code from the text message").fill(await latestSignInCode(mobile));
  await page.getByRole("button", { name: "Confirm and use text messages" }).click();
  await expect(page.getByText("Your phone is confirmed. Sign-in codes now come by text message.")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "account");

  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Change your password" }).click();
  await expect(page.getByText("Your current password is not right").first()).toBeVisible();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Change your password" }).click();
  await expect(page.getByText("Your password was changed.")).toBeVisible();

  await page.context().clearCookies();
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your phone" })).toBeVisible();
  await page.getByLabel("Sign-in code").fill(await latestSignInCode(mobile));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your services" })).toBeVisible();
});
