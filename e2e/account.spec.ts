import {
  errorSummary,
  expect,
  expectAccessible,
  latestSignInCode,
  PASSWORD,
  signIn,
  snapshot,
  test,
} from "./support/fixtures";

test("a person adds their mobile number, confirms it to get sign-in codes by text, and changes their password", async ({
  page,
  user,
}) => {
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

test("a person adds a security key and confirms their next sign-in with it instead of a code", async ({
  page,
  user,
}) => {
  // Chromium's virtual authenticator stands in for a USB key that is touched whenever asked.
  const devtools = await page.context().newCDPSession(page);
  await devtools.send("WebAuthn.enable");
  await devtools.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "usb",
      hasResidentKey: false,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });

  await signIn(page, user);
  await page.goto("/account");
  await expect(page.getByText("You have not added a security key.")).toBeVisible();
  await page.getByRole("button", { name: "Add a security key" }).click();
  await expect(page.getByText("Give the key a name").first()).toBeVisible();
  await page.getByLabel("Name of the key").fill("Blue key");
  await page.getByRole("button", { name: "Add a security key" }).click();
  await expect(page.getByText("“Blue key” was added.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("list", { name: "Your security keys" })).toContainText("Blue key");
  await expectAccessible(page);
  await snapshot(page, "account-security-key");

  await page.context().clearCookies();
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Or use your security key" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Use your security key" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your services" })).toBeVisible();

  await page.goto("/account");
  await expect(page.getByRole("list", { name: "Your security keys" })).toContainText("last used");
  await page.getByRole("link", { name: "Remove Blue key" }).click();
  await page.getByRole("button", { name: "Yes, remove this key" }).click();
  await expect(page.getByText("The security key was removed.")).toBeVisible();
  await expect(page.getByText("You have not added a security key.")).toBeVisible();
});
