import { errorSummary, expect, expectAccessible, signIn, snapshot, test } from "./support/fixtures";

test("a signed-out visitor is sent to sign in, and a wrong password is explained", async ({ page, user }) => {
  await page.goto("/services");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fservices/);
  await expectAccessible(page);
  await snapshot(page, "sign-in");

  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toContainText("Enter your email address");
  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toContainText("The email address or password you entered is incorrect");
  await expect(page.getByLabel("Email address")).toHaveValue(user.email);
  await expectAccessible(page);
  await snapshot(page, "sign-in-error");
});

test("a user signs in, creates a service, changes a setting and signs out", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page.getByText("You are not a member of any service yet.")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "services-empty");

  await page.getByRole("link", { name: "Add a new service" }).click();
  await page.getByRole("button", { name: "Add service" }).click();
  await expect(errorSummary(page)).toContainText("Enter a service name");
  await expectAccessible(page);
  await snapshot(page, "new-service-error");

  const name = `Bin collections ${Date.now()}`;
  await page.getByLabel("Service name").fill(name);
  await page.getByRole("button", { name: "Add service" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByText("Your service is in trial mode")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "service-overview");

  await page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "Settings" }).click();
  // A summary per section; the limits are the platform administrators' to change.
  await expect(page.getByRole("region", { name: "Sending limits" })).toContainText("Emails per day50");
  await expect(page.getByRole("link", { name: "Change sending limits" })).toHaveCount(0);
  await expectAccessible(page);
  await snapshot(page, "settings-summary");
  await page.getByRole("link", { name: "Change data retention" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Data retention" })).toBeVisible();
  await expect(page.getByLabel("Service name")).toHaveCount(0);
  await page.getByLabel("Keep emails for (days)").fill("2");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(errorSummary(page)).toContainText("Email retention must be 3 or more");
  await expect(page.getByLabel("Keep emails for (days)")).toHaveValue("2");
  await expectAccessible(page);
  await snapshot(page, "settings-error");

  await page.getByLabel("Keep emails for (days)").fill("30");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Data retention: saved");
  await expect(page.getByRole("region", { name: "Data retention" })).toContainText("Keep emails for30 days");
  await snapshot(page, "settings-saved");
  await page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByText("30 days (emails)")).toBeVisible();

  await page.getByRole("link", { name: "Your services" }).click();
  await expect(page.getByRole("link", { name })).toBeVisible();
  const cookiesWhileSignedIn = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/services");
  await expect(page).toHaveURL(/\/sign-in/);

  // The server checks the session itself: replaying the old cookie after signing out gets nowhere.
  await page.context().addCookies(cookiesWhileSignedIn);
  await page.goto("/services");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("a platform administrator can take a service live and raise its limits", async ({ page, admin }) => {
  await signIn(page, admin);
  await page.getByRole("link", { name: "Add a new service" }).click();
  const name = `Parking ${Date.now()}`;
  await page.getByLabel("Service name").fill(name);
  await page.getByRole("button", { name: "Add service" }).click();
  await page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "Settings" }).click();
  // Every setting in one form is still there, for changing several at once.
  await page.getByRole("link", { name: "Change several settings at once" }).click();
  await page.getByRole("radio", { name: "Live" }).check();
  await page.getByLabel("Emails per day").fill("250000");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Settings saved");
  await expect(page.getByText(name, { exact: true })).not.toContainText("Trial mode");
  await page.getByRole("link", { name: "Your services" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: name })).not.toContainText("Trial mode");
  await snapshot(page, "settings-admin");
});

test("someone else's service is not found", async ({ page, user, admin }) => {
  await signIn(page, admin);
  await page.getByRole("link", { name: "Add a new service" }).click();
  await page.getByLabel("Service name").fill(`Private ${Date.now()}`);
  await page.getByRole("button", { name: "Add service" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  const serviceUrl = page.url();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, user);
  const response = await page.goto(`${serviceUrl}/settings`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("signing in asks for the code sent by email, explains a wrong one, and lets the right one in", async ({
  page,
  user,
}) => {
  const { latestSignInCode } = await import("./support/fixtures");
  await page.goto("/services");
  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  expect((await page.goto("/services"))?.url()).toContain("/sign-in/code");
  const code = await latestSignInCode(user.email);
  await page.getByLabel("Sign-in code").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toContainText("That code is not right");
  await expectAccessible(page);
  await snapshot(page, "sign-in-code-error");
  await page.getByLabel("Sign-in code").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your services" })).toBeVisible();
});

test("a platform administrator sees every service and person with the platform's figures; others cannot", async ({
  page,
  admin,
  user,
}) => {
  const { makeService } = await import("../tests/support/factories");
  const service = await makeService({ name: `Waste ${Date.now()}` });
  await signIn(page, admin);
  await page.getByRole("link", { name: "Platform admin" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Platform admin" })).toBeVisible();
  await page.getByLabel("Find services and people").fill(service.name);
  await page.getByRole("button", { name: "Search" }).click();
  const services = page.getByRole("table", { name: "Services" });
  await expect(services.getByRole("link", { name: service.name, exact: true })).toBeVisible();
  await expect(services.getByRole("row")).toHaveCount(2);
  await expectAccessible(page);
  await snapshot(page, "platform-admin");

  await page.context().clearCookies();
  await signIn(page, user);
  await expect(page.getByRole("link", { name: "Platform admin" })).toHaveCount(0);
  expect((await page.goto("/admin"))?.status()).toBe(403);
});

test("a platform administrator gives a service a number for receiving texts, and takes it back after confirming", async ({
  page,
  admin,
  user,
}) => {
  const { makeService } = await import("../tests/support/factories");
  const service = await makeService({ name: `Parking ${Date.now()}`, members: [{ userId: user.id }] });
  const number = `+4477009${String(Date.now()).slice(-5)}`;
  await signIn(page, admin);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Platform admin" }).getByRole("link", { name: "Inbound numbers" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Inbound numbers" })).toBeVisible();

  await page.getByLabel("Phone number").fill("07700 900");
  await page.getByRole("button", { name: "Give the number to the service" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await expect(page.getByText("Choose the service that receives texts to this number").first()).toBeVisible();
  await expect(page.getByLabel("Phone number")).toHaveValue("07700 900");
  await expectAccessible(page);

  await page.getByLabel("Phone number").fill(number);
  await page.getByLabel("Service").selectOption({ label: service.name });
  await page.getByRole("button", { name: "Give the number to the service" }).click();
  await expect(page.getByText(`Texts to ${number} now go to the service`)).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(`\\${number}`) });
  await expect(row.getByRole("link", { name: service.name })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "admin-inbound-numbers");

  await row.getByRole("link", { name: `Take back ${number}` }).click();
  await expect(page.getByRole("heading", { name: `Take ${number} back from ${service.name}?` })).toBeVisible();
  await page.getByRole("button", { name: "Yes, take the number back" }).click();
  await expect(page.getByText("The number was taken back.")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`\\${number}`) })).toContainText("Not in use");

  await page.context().clearCookies();
  await signIn(page, user);
  expect((await page.goto("/admin/inbound-numbers"))?.status()).toBe(403);
  await page.goto(`/services/${service.id}/settings`);
  await expect(page.getByText("Your service has no number for receiving text messages.")).toBeVisible();
});
