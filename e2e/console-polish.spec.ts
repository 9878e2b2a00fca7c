import { NotifyClient } from "notifications-node-client";
import { baseURL } from "../playwright.config";
import { errorSummary, expect, expectAccessible, signIn, snapshot, test } from "./support/fixtures";

const NOTIFY_STYLE_EMAIL = [
  "# Renew your parking permit",
  "",
  "Dear ((name)),",
  "",
  "* go to the council website",
  "* choose Renew",
  "",
  "^ If you do not renew, the permit ends on ((date)).",
  "",
  "---",
  "",
  "Parking team",
].join("\n");

async function seed(userId: string, overrides: { name?: string; prefixSms?: boolean } = {}) {
  const { makeService, makeTemplate } = await import("../tests/support/factories");
  const { db } = await import("@/lib/db");
  const service = await makeService({ name: overrides.name ?? `Parking ${Date.now()}`, members: [{ userId }] });
  if (overrides.prefixSms !== undefined)
    await db.service.update({ where: { id: service.id }, data: { prefixSms: overrides.prefixSms } });
  const email = await makeTemplate(service.id, {
    type: "email",
    name: "Permit renewal",
    subject: "Renew by ((date))",
    content: NOTIFY_STYLE_EMAIL,
  });
  const sms = await makeTemplate(service.id, { type: "sms", name: "Permit code", content: "Your code is ((code))" });
  return { service, email, sms };
}

test("the check step and the message page show the rendered email, and the page follows its status to delivered", async ({
  page,
  user,
}) => {
  const { service, email } = await seed(user.id);
  await signIn(page, user);
  await page.goto(`/services/${service.id}/send/${email.id}`);
  // Every field's problem in one round, in the order of the fields, and the title says so.
  await page.getByLabel("Email address").fill("not-an-email");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page).getByRole("listitem")).toHaveText([
    "Enter an email address in the correct format, like name@example.com",
    // The subject's placeholder comes first on the form, as it does in the message.
    "Enter a value for ((date))",
    "Enter a value for ((name))",
  ]);
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessible(page);
  await snapshot(page, "polish-send-errors");

  await page.getByLabel("Email address").fill("simulate-delivered@notifications.service.gov.uk");
  await page.getByLabel("name").fill("Ellis");
  await page.getByLabel("date").fill("1 March");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page).not.toHaveTitle(/^Error: /);
  const preview = page.getByTestId("message-preview");
  await expect(preview.getByRole("heading", { name: "Renew your parking permit" })).toBeVisible();
  await expect(preview.getByRole("listitem")).toHaveText(["go to the council website", "choose Renew"]);
  await expect(preview.locator("blockquote")).toContainText("If you do not renew, the permit ends on 1 March.");
  await expect(preview.locator("hr")).toHaveCount(1);
  await expect(preview).not.toContainText("# Renew");
  await expect(preview).not.toContainText("* go to");
  // The sidebar says where we are.
  await expect(
    page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "Templates" }),
  ).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);
  await snapshot(page, "polish-send-check");

  await page.getByRole("button", { name: "Send 1 email" }).click();
  await expect(page.getByText("Your message was accepted.")).toBeVisible();
  const body = page.getByTestId("message-body");
  await expect(body.getByRole("heading", { name: "Renew your parking permit" })).toBeVisible();
  await expect(body).not.toContainText("^ If you");
  // No reload: the page follows the status by itself.
  await expect(page.getByText("Delivered", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  const timeline = page.getByRole("list").filter({ hasText: "Handed to the email provider" });
  await expect(timeline).toContainText("Delivered");
  await expect(timeline).not.toContainText("simulated");
  await expect(timeline).not.toContainText("→");
  await expect(
    page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "Activity" }),
  ).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);
  await snapshot(page, "polish-message-delivered");
});

test("a text message is checked exactly as the phone gets it, prefix included", async ({ page, user }) => {
  const { service, sms } = await seed(user.id, { name: `Parking – permits ${Date.now()}`, prefixSms: true });
  await signIn(page, user);
  await page.goto(`/services/${service.id}/send/${sms.id}`);
  // A simulated number, which trial mode allows.
  await page.getByLabel("Mobile number").fill("07700 900111");
  await page.getByLabel("code").fill("4821");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Check your text message" })).toBeVisible();
  await expect(page.getByTestId("message-preview")).toHaveText(/^Parking - permits \d+: Your code is 4821$/);
  await expectAccessible(page);
  await snapshot(page, "polish-send-check-sms");
});

test("templates that can never be sent are refused beside the field, and the counter counts what is sent", async ({
  page,
  user,
}) => {
  const { service } = await seed(user.id, { name: `Parking – permits ${Date.now()}`, prefixSms: true });
  await signIn(page, user);
  await page.goto(`/services/${service.id}/templates/new?type=sms`);
  await expect(page.getByText("The message is empty.")).toBeVisible();
  await page.getByLabel("Text message").fill("a".repeat(98));
  // An en dash in the service's name no longer makes every text Unicode.
  await expect(page.getByText(/as sent, charged as 1 text message\./)).toBeVisible();
  await expect(page.getByText(/not a standard text message character/)).toHaveCount(0);
  await page.getByLabel("Text message").fill("Diolch ŵyr");
  await expect(page.getByText(/‘ŵ’ is not a standard text message character/)).toBeVisible();
  await page.getByLabel("Text message").fill(`((name)) ${"a".repeat(1741)}`);
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(errorSummary(page).getByRole("listitem")).toHaveText([
    "Enter a name for this template",
    "Text messages cannot be longer than 918 characters. This one is 1,750.",
  ]);
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessible(page);
  await snapshot(page, "polish-template-too-long");

  await page.goto(`/services/${service.id}/templates/new?type=email`);
  await page.getByLabel("Template name").fill("Broken");
  await page.getByLabel("Subject line of the email").fill("Hello ((name");
  await page.getByLabel("Message").fill("Dear ((name)), your code is ((code");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(errorSummary(page).getByRole("listitem")).toHaveText([
    "A placeholder in the subject is not closed: end it with ))",
    "A placeholder in the message is not closed: end it with ))",
  ]);
  await expect(page.locator("#subject-error")).toContainText("not closed");
  await expectAccessible(page);
  await snapshot(page, "polish-template-unclosed");
});

test("test-key messages are marked with their key and kept apart, as the dashboard counts", async ({ page, user }) => {
  const { service, email } = await seed(user.id);
  const { makeApiKey } = await import("../tests/support/factories");
  const key = await makeApiKey(service.id, "test", "CI pipeline");
  await new NotifyClient(baseURL, key.key).sendEmail(email.id, "pretend@example.com", {
    personalisation: { name: "A", date: "B" },
  });
  await signIn(page, user);
  await page.goto(`/services/${service.id}`);
  await expect(page.getByText("No messages in the last 7 days yet.")).toBeVisible();
  await snapshot(page, "polish-dashboard-empty");
  await page.goto(`/services/${service.id}/activity`);
  await expect(page.getByText(/No messages yet/)).toBeVisible();
  await page.getByLabel("Sent with").selectOption("test");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("table")).toContainText("Test key “CI pipeline”: nothing was delivered");
  await expectAccessible(page);
  await snapshot(page, "polish-activity-test-key");
  await page.getByRole("link", { name: "pretend@example.com" }).click();
  await expect(page.getByText("Sent with the test key “CI pipeline”: nothing was delivered")).toBeVisible();
  await expectAccessible(page);
});

test("the dashboard's figures link to the same messages in Activity", async ({ page, user }) => {
  const { service, email } = await seed(user.id);
  const { makeApiKey } = await import("../tests/support/factories");
  const client = new NotifyClient(baseURL, (await makeApiKey(service.id, "team")).key);
  await client.sendEmail(email.id, user.email, { personalisation: { name: "A", date: "B" } });
  await signIn(page, user);
  await page.goto(`/services/${service.id}`);
  const emails = page.getByRole("region", { name: "Emails" });
  await expect(emails.getByRole("link", { name: /^1 emails in the last 7 days$/ })).toBeVisible();
  const usage = page.getByRole("table", { name: /Messages sent from each template/ });
  await expect(usage.getByRole("row").nth(1)).toContainText("Permit renewal");
  await expect(usage.getByRole("row").nth(1)).toContainText("1");
  await expectAccessible(page);
  await snapshot(page, "polish-dashboard");
  await emails.getByRole("link", { name: /^1 emails in the last 7 days$/ }).click();
  await expect(page.getByRole("heading", { name: "Activity" })).toBeVisible();
  await expect(page.getByLabel("Type")).toHaveValue("email");
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
});

test("a platform admin rejects a request to go live with a reason the team sees", async ({ page, user, admin }) => {
  const { service } = await seed(user.id);
  await signIn(page, user);
  await page.goto(`/services/${service.id}/settings/go-live`);
  await page.getByLabel("What will you send, and to whom?").fill("Permit reminders to residents");
  await page.getByRole("button", { name: /Request to go live|Send request/ }).click();
  await expect(errorSummary(page)).toContainText("Enter how many emails a year you expect to send (0 if none)");
  await expect(errorSummary(page)).toContainText("Enter how many text messages a year you expect to send (0 if none)");
  await page.getByLabel("How many emails will you send in a year?").fill("5000");
  await page.getByLabel("How many text messages will you send in a year?").fill("0");
  await page.getByRole("button", { name: /Request to go live|Send request/ }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByText(/request to go live was sent/)).toHaveCount(1);
  await expect(page.getByText(/You asked to go live on/)).toHaveCount(0);
  await snapshot(page, "polish-go-live-requested");

  await page.context().clearCookies();
  await signIn(page, admin);
  await page.goto("/admin");
  await page.getByRole("link", { name: `Reject the request of ${service.name}` }).click();
  await page.getByRole("button", { name: "Reject the request" }).click();
  await expect(errorSummary(page)).toContainText("Say why the service cannot go live yet");
  await page.getByLabel("Why not?").fill("Add a reply-to address first, so people can answer.");
  await expectAccessible(page);
  await snapshot(page, "polish-admin-reject");
  await page.getByRole("button", { name: "Reject the request" }).click();
  await expect(page.getByText("The request was rejected.")).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, user);
  await page.goto(`/services/${service.id}/settings`);
  await expect(page.getByText(/not approved on .*: Add a reply-to address first/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Request to go live again" })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "polish-go-live-rejected");
});

test("a platform admin archives a service, and its key stops working", async ({ page, admin }) => {
  const { makeApiKey, makeService } = await import("../tests/support/factories");
  const service = await makeService({ name: `Old service ${Date.now()}`, trialMode: false });
  const client = new NotifyClient(baseURL, (await makeApiKey(service.id, "normal")).key);
  expect((await client.getAllTemplates()).status).toBe(200);
  await signIn(page, admin);
  await page.goto(`/admin?search=${encodeURIComponent(service.name)}`);
  await page.getByRole("link", { name: `Archive ${service.name}` }).click();
  await expect(page.getByRole("heading", { name: `Archive ‘${service.name}’?` })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "polish-admin-archive");
  await page.getByRole("button", { name: "Yes, archive the service" }).click();
  await expect(page.getByText("The service was archived.")).toBeVisible();
  const refused = await client.getAllTemplates().catch((error: { response: { status: number } }) => error.response);
  expect(refused.status).toBe(403);
});

test("a developer makes a signing secret for callbacks, sees it once, and replaces it", async ({ page, user }) => {
  const { makeService } = await import("../tests/support/factories");
  const service = await makeService({ name: `Hooks ${Date.now()}`, members: [{ userId: user.id }] });
  await signIn(page, user);
  await page.goto(`/services/${service.id}/api/callbacks`);
  await page.getByRole("button", { name: "Create a signing secret" }).click();
  await expect(page.getByText("Copy the signing secret now: this is the only time it is shown.")).toBeVisible();
  await expect(page.getByLabel("Signing secret")).toHaveText(/^tidings_whsec_[\w-]{43}$/);
  await expectAccessible(page);
  await snapshot(page, "polish-signing-secret");
  await page.goto(`/services/${service.id}/api/callbacks`);
  await expect(page.getByText(/\(current\)/)).toBeVisible();
  await page.getByRole("button", { name: "Replace the signing secret" }).click();
  await expect(page.getByText(/previous secret keeps signing callbacks beside this one for 24 hours/)).toBeVisible();
  await page.goto(`/services/${service.id}/api/callbacks`);
  await expect(page.getByText(/replaced: it stops signing at/)).toBeVisible();
  await expectAccessible(page);
});

test("small things: favicon, a narrow screen, the guest list's email check, admin refusal, API docs", async ({
  page,
  user,
}) => {
  expect((await page.request.get("/favicon.ico")).status()).toBe(200);
  const { makeService } = await import("../tests/support/factories");
  const service = await makeService({ name: `Narrow ${Date.now()}`, members: [{ userId: user.id }] });
  await signIn(page, user);

  await page.goto(`/services/${service.id}/api/guest-list`);
  await page.getByLabel("Email address or mobile number").fill("someone.example.com");
  await page.getByRole("button", { name: /Add/ }).click();
  await expect(errorSummary(page)).toContainText("Enter an email address in the correct format");

  await page.goto("/admin");
  await expect(page.getByText("The platform admin pages are for platform administrators only.")).toBeVisible();

  // GOV.UK-sized radios: 40 by 40 pixels.
  await page.goto(`/services/${service.id}/api/keys/new`);
  const radio = await page.getByRole("radio").first().boundingBox();
  expect([radio?.width, radio?.height]).toEqual([40, 40]);
  await snapshot(page, "polish-radios");

  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of [`/services/${service.id}`, "/docs/api"]) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
  }
  await expect(page.locator("article > p").first()).not.toContainText("`");
  await snapshot(page, "polish-docs-narrow");
});

test("received text messages: an inbox by sender, the conversation, a reply with a template, and a download", async ({
  page,
  user,
}) => {
  const { service } = await seed(user.id);
  const { db } = await import("@/lib/db");
  const sender = "+447700900222";
  await db.inboundSms.createMany({
    data: [
      { serviceId: service.id, userNumber: sender, notifyNumber: "+447700900999", content: "Is my permit ready?" },
      { serviceId: service.id, userNumber: sender, notifyNumber: "+447700900999", content: "Thanks!" },
      { serviceId: service.id, userNumber: "+447700900333", notifyNumber: "+447700900999", content: "STOP" },
    ],
  });
  await signIn(page, user);
  await page.goto(`/services/${service.id}`);
  await page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "Received text messages" }).click();
  const inbox = page.getByRole("table", { name: "People who texted your service, latest first" });
  await expect(inbox.getByRole("row")).toHaveCount(3);
  await expectAccessible(page);
  await snapshot(page, "polish-inbox");
  const csv = await (await page.request.get(`/services/${service.id}/inbox/export`)).text();
  expect(csv.split("\n")[0]).toBe("From,To,Message,Received (UTC)");
  expect(csv).toContain("Is my permit ready?");

  await inbox.getByRole("link", { name: sender }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Conversation with ${sender}` })).toBeVisible();
  await expect(page.getByRole("list", { name: "Texts, oldest first" }).getByRole("listitem")).toHaveCount(2);
  await expectAccessible(page);
  await snapshot(page, "polish-inbox-conversation");
  await page.getByRole("link", { name: "Permit code" }).click();
  await expect(page.getByLabel("Mobile number")).toHaveValue(sender);
  await page.getByLabel("code").fill("7");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Send 1 text message" }).click();
  await expect(page.getByText("Your message was accepted.")).toBeVisible();
  await page.goto(`/services/${service.id}/inbox?number=${encodeURIComponent(sender)}`);
  await expect(page.getByRole("list", { name: "Texts, oldest first" }).getByRole("listitem")).toHaveCount(3);
  await expect(page.getByText("Your code is 7")).toBeVisible();
});

test("a one-off message is scheduled, shown on the dashboard, and cancelled", async ({ page, user }) => {
  const { service, email } = await seed(user.id);
  await signIn(page, user);
  await page.goto(`/services/${service.id}/send/${email.id}`);
  await page.getByLabel("Email address").fill("simulate-delivered@notifications.service.gov.uk");
  await page.getByLabel("name").fill("Ellis");
  await page.getByLabel("date").fill("1 March");
  await page.getByRole("radio", { name: /Later/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toContainText("Enter a date and time");
  const later = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 16);
  await page.getByLabel("When, if later (UTC)").fill(later);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText(`${later.replace("T", " ")} UTC`)).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "polish-schedule-check");
  await page.getByRole("button", { name: "Schedule 1 email" }).click();
  await expect(page.getByText(/Scheduled: it will be sent at/)).toBeVisible();

  await page.goto(`/services/${service.id}`);
  const scheduled = page.getByRole("table", { name: "Messages waiting for their time, soonest first" });
  await expect(scheduled).toContainText("simulate-delivered@notifications.service.gov.uk");
  await expectAccessible(page);
  await snapshot(page, "polish-dashboard-scheduled");
  await scheduled.getByRole("button", { name: /Cancel/ }).click();
  await expect(page.getByText("The scheduled message was cancelled. It will not be sent.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Messages waiting for their time, soonest first" })).toHaveCount(0);
});

test("usage: a service's year by month with its cost, downloadable, and every service's for platform admins", async ({
  page,
  user,
  admin,
}) => {
  const { service, email } = await seed(user.id);
  const { makeApiKey } = await import("../tests/support/factories");
  await new NotifyClient(baseURL, (await makeApiKey(service.id, "team")).key).sendEmail(email.id, user.email, {
    personalisation: { name: "A", date: "B" },
  });
  await signIn(page, user);
  await page.goto(`/services/${service.id}`);
  await page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "Usage" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Emails" })).toContainText("1");
  await expect(page.getByRole("table", { name: /By month, April/ }).getByRole("row")).toHaveCount(13);
  await expectAccessible(page);
  await snapshot(page, "polish-usage");
  const csv = await (await page.request.get(`/services/${service.id}/usage/export`)).text();
  expect(csv.split("\n")[0]).toBe("Month,Emails,Text messages,Text message parts,Cost (£)");
  // Every service's figures are for platform admins only: refused to a team member, and whoever is
  // not signed in is sent to sign in.
  const platformDownloads = ["/admin/usage/export", "/admin/usage/by-month/export", "/admin/live-services/export"];
  for (const path of platformDownloads) expect((await page.request.get(path)).status()).toBe(403);

  await page.context().clearCookies();
  for (const path of platformDownloads) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(new URL(response.headers()["location"]!, baseURL).pathname).toBe("/sign-in");
  }
  await signIn(page, admin);
  await page.goto("/admin/usage");
  await expect(page.getByRole("table", { name: /Usage by service/ })).toContainText(service.name);
  await expectAccessible(page);
  await snapshot(page, "polish-admin-usage");

  // Notify's platform reports: messages by service per month, and the live services.
  await page.getByRole("link", { name: "Messages by service and month" }).click();
  const thisMonth = new Date().toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  await expect(
    page
      .getByRole("table", { name: /Messages by service and month/ })
      .getByRole("row")
      .filter({ hasText: service.name }),
  ).toHaveText([new RegExp(`${thisMonth}\\s*${service.name}\\s*1\\s*0\\s*0`)]);
  await expectAccessible(page);
  await snapshot(page, "polish-admin-usage-by-month");
  const monthly = await (await page.request.get("/admin/usage/by-month/export")).text();
  expect(monthly.split("\n")[0]).toBe("Month,Service,Service id,Emails,Text messages,Text message parts");
  expect(monthly).toContain(`${new Date().toISOString().slice(0, 7)},${service.name},${service.id},1,0,0`);

  const { approveGoLive } = await import("@/lib/services/go-live");
  const { OPERATOR } = await import("@/lib/permissions");
  await approveGoLive({ actor: OPERATOR, serviceId: service.id });
  await page.getByRole("navigation", { name: "Platform admin" }).getByRole("link", { name: "Live services" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Live services/ })).toBeVisible();
  await expect(
    page
      .getByRole("table", { name: /Live services/ })
      .getByRole("row")
      .filter({ hasText: service.name }),
  ).toContainText(new Date().toISOString().slice(0, 10));
  await expectAccessible(page);
  await snapshot(page, "polish-admin-live-services");
  const live = await (await page.request.get("/admin/live-services/export")).text();
  expect(live).toContain(`${service.name},${service.id},`);
});

test("a platform admin suspends someone, who is signed out and cannot sign in, then reactivates them", async ({
  browser,
  page,
  user,
  admin,
}) => {
  const theirs = await browser.newPage();
  await signIn(theirs, user);
  await signIn(page, admin);
  await page.goto(`/admin?search=${encodeURIComponent(user.email)}`);
  await page.getByRole("button", { name: `Suspend ${user.name}` }).click();
  await expect(page.getByText("The account was suspended and signed out everywhere.")).toBeVisible();
  await expect(page.getByRole("table", { name: "People" })).toContainText("suspended");
  await expectAccessible(page);
  await snapshot(page, "polish-admin-suspended");

  await theirs.goto("/services");
  await expect(theirs.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await theirs.getByLabel("Email address").fill(user.email);
  await theirs.getByLabel("Password").fill(user.password);
  await theirs.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(theirs)).toContainText("Your account is suspended");

  await page.getByRole("button", { name: `Reactivate ${user.name}` }).click();
  await expect(page.getByText("The account was reactivated: it can sign in again.")).toBeVisible();
  await signIn(theirs, user);
  await theirs.close();
});
