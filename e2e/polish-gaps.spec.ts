import { errorSummary, expect, expectAccessible, signIn, snapshot, test } from "./support/fixtures";

test("the senders page says no email domain is configured, and keeps pending reply-to checks with send again and cancel", async ({
  page,
  user,
}) => {
  const { makeService } = await import("../tests/support/factories");
  const service = await makeService({ name: `Harbours ${Date.now()}`, members: [{ userId: user.id }] });
  await signIn(page, user);
  await page.goto(`/services/${service.id}/settings/senders`);
  // The journeys run at http://localhost: no domain to send from, and the page says so instead of "@localhost".
  await expect(page.getByText("No email domain is configured.")).toBeVisible();
  await expect(page.getByText(/@localhost/)).toHaveCount(0);

  await page.getByLabel("Add a reply-to email address").fill("perm-fail@simulator.notify");
  await page.getByRole("button", { name: "Check and add" }).click();
  await expect(page.getByRole("region", { name: "Waiting to be added" })).toContainText("perm-fail@simulator.notify");
  await page.getByLabel("Add a reply-to email address").fill("harbour-desk@example.gov");
  await page.getByRole("button", { name: "Check and add" }).click();

  // Leaving the page and coming back: both checks are still there.
  await page.getByRole("link", { name: "Settings", exact: true }).first().click();
  await page.getByRole("link", { name: "Reply-to addresses and text message senders" }).click();
  const pending = page.getByRole("region", { name: "Waiting to be added" });
  await expect(pending.getByText("We could not deliver an email to perm-fail@simulator.notify")).toBeVisible({
    timeout: 30_000,
  });
  await expect(pending.getByRole("button", { name: "Add harbour-desk@example.gov" })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page);
  await snapshot(page, "polish-gaps-senders-pending");

  await pending.getByRole("button", { name: "Send the check again to perm-fail@simulator.notify" }).click();
  await expect(
    pending.getByText(/We could not deliver an email to perm-fail@simulator\.notify|waiting for it to be delivered/),
  ).toBeVisible();
  await pending.getByRole("button", { name: "Cancel the check of perm-fail@simulator.notify" }).click();
  await expect(page.getByText("Check cancelled")).toBeVisible();
  await expect(page.getByText(/perm-fail@simulator\.notify/)).toHaveCount(0);

  await page.getByRole("button", { name: "Add harbour-desk@example.gov" }).click();
  await expect(page.getByText("Reply-to address added")).toBeVisible();
  await expect(page.getByRole("region", { name: "Waiting to be added" })).toHaveCount(0);
  await expect(page.getByRole("listitem").filter({ hasText: "harbour-desk@example.gov" })).toContainText("Default");
});

test("the inbound-number form checks every field at once, in the order of the fields", async ({ page, admin }) => {
  await signIn(page, admin);
  await page.goto("/admin/inbound-numbers");
  await page.getByLabel("Phone number").fill("12345");
  await page.getByRole("button", { name: "Give the number to the service" }).click();
  await expect(errorSummary(page).getByRole("listitem")).toHaveText([
    "Enter the number in international format, like +447700900123",
    "Choose the service that receives texts to this number",
  ]);
  await expectAccessible(page);
  await snapshot(page, "polish-gaps-inbound-number-errors");
});

test("the text message editor names look-alike characters and replaces them in one click, with or without JavaScript", async ({
  page,
  user,
  browser,
}) => {
  const { makeService } = await import("../tests/support/factories");
  const service = await makeService({ name: `Ferries ${Date.now()}`, members: [{ userId: user.id }] });
  const pasted = "Don\u2019t miss the ferry \u2013 it leaves at\u00a09:30 from the caf\u00e1.";
  const plain = "Don't miss the ferry - it leaves at 9:30 from the cafa.";
  await signIn(page, user);
  await page.goto(`/services/${service.id}/templates/new?type=sms`);
  await page.getByLabel("Template name").fill("Ferry reminder");
  await page.getByLabel("Text message").fill(pasted);
  await expect(
    page.getByText(/characters with a plain look-alike: ‘’’ \(‘'’\), ‘–’ \(‘-’\), non-breaking space/),
  ).toBeVisible();
  await expect(page.getByText(/‘á’ is not a standard text message character/)).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "polish-gaps-look-alikes");
  await page.getByRole("button", { name: "Replace them" }).click();
  await expect(page.getByText("Look-alike characters replaced with standard ones")).toBeVisible();
  await expect(page.getByLabel("Text message")).toHaveValue(plain);
  await expect(page.getByLabel("Template name")).toHaveValue("Ferry reminder");
  await expect(page.getByText(/plain look-alike:/)).toHaveCount(0);
  await expect(page.getByText(/not a standard text message character/)).toHaveCount(0);
  await snapshot(page, "polish-gaps-look-alikes-replaced");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByText("Template saved")).toBeVisible();

  // Without JavaScript, on a saved template's edit page: the same, as a plain form post.
  const { makeTemplate } = await import("../tests/support/factories");
  const saved = await makeTemplate(service.id, { type: "sms", name: "Ferry delay", content: pasted });
  const plainHtml = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const noScript = await plainHtml.newPage();
  await noScript.goto(`/services/${service.id}/templates/${saved.id}/edit`);
  await noScript.getByRole("button", { name: "Replace them" }).click();
  await expect(noScript.getByText("Look-alike characters replaced with standard ones")).toBeVisible();
  await expect(noScript.getByLabel("Text message")).toHaveValue(plain);
  await noScript.getByRole("button", { name: "Save changes" }).click();
  await expect(noScript.getByText("Template saved")).toBeVisible();
  await expect(noScript.getByText(plain)).toBeVisible();
  await plainHtml.close();
});
