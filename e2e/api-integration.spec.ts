import { NotifyClient } from "notifications-node-client";
import { baseURL } from "../playwright.config";
import { errorSummary, expect, expectAccessible, signIn, snapshot, test } from "./support/fixtures";

async function seedService(
  userId: string,
  permissions: ("manage_api_keys" | "send_messages" | "view_activity")[] = ["manage_api_keys"],
) {
  const { makeService } = await import("../tests/support/factories");
  return makeService({ name: `Blue badges ${Date.now()}`, members: [{ userId, permissions }] });
}

const apiTabs = (page: import("@playwright/test").Page) => page.getByRole("navigation", { name: "API integration" });

test("a developer creates a key, copies it once, uses it, revokes it and reads the API log", async ({ page, user }) => {
  const service = await seedService(user.id);
  await signIn(page, user);
  await page.goto(`/services/${service.id}`);
  await page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "API integration" }).click();
  await expect(page.getByRole("heading", { name: "API log" })).toBeVisible();
  await expect(page.getByText("No API requests in the last 7 days.")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "api-log-empty");

  await apiTabs(page).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByText("This service has no API keys yet.")).toBeVisible();
  await page.getByRole("link", { name: "Create an API key" }).click();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(errorSummary(page)).toContainText("Enter a name for this key");
  await expect(errorSummary(page)).toContainText("Choose a type of key");
  await expectAccessible(page);
  await snapshot(page, "api-key-new-error");

  await page.getByLabel("Name for this key").fill("Payroll system");
  await page.getByRole("radio", { name: "Test – pretends to send messages" }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Copy the key now: this is the only time it is shown.")).toBeVisible();
  const key = (await page.getByLabel("API key").textContent())!.trim();
  expect(key).toMatch(new RegExp(`^payroll_system-${service.id}-[0-9a-f-]{36}$`));
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy the API key" }).click();
  await expect(page.getByText("Copied to clipboard")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await expectAccessible(page);
  await snapshot(page, "api-key-created");

  const client = new NotifyClient(baseURL, key);
  expect((await client.getAllTemplates()).status).toBe(200);

  await page.getByRole("link", { name: "Back to API keys" }).click();
  const keys = page.getByRole("table", { name: "API keys of this service" });
  await expect(keys).toContainText("Payroll system");
  await expect(keys).not.toContainText(key.slice(-36));
  await page.getByRole("link", { name: "Revoke Payroll system" }).click();
  await expect(page.getByRole("heading", { name: "Revoke the key “Payroll system”?" })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "api-key-revoke");
  await page.getByRole("button", { name: "Yes, revoke this key" }).click();
  await expect(page.getByText("The key was revoked.")).toBeVisible();
  await expect(keys).toContainText("Revoked");
  const refused = await client.getAllTemplates().catch((error: { response: { status: number } }) => error.response);
  expect(refused.status).toBe(403);

  await apiTabs(page).getByRole("link", { name: "API log" }).click();
  await expect(page.getByRole("heading", { name: "API log" })).toBeVisible();
  const log = page.getByRole("table", { name: "API requests, newest first" });
  // Records are written about once a second, after the responses.
  await expect(async () => {
    await page.reload();
    await expect(log.getByRole("row")).toHaveCount(3);
  }).toPass({ timeout: 10_000 });
  await expect(log.getByRole("row").nth(1)).toContainText("AuthError: Invalid token: API key revoked");
  await expect(log.getByRole("row").nth(2)).toContainText("GET /v2/templates");
  await expect(log.getByRole("row").nth(2)).toContainText("200");
  await expectAccessible(page);
  await snapshot(page, "api-log");
  await page.getByRole("link", { name: "Failed requests only" }).click();
  await expect(page.getByRole("table", { name: "Failed API requests, newest first" }).getByRole("row")).toHaveCount(2);
});

test("a developer sets up, changes and removes a callback, and sees failed callbacks", async ({ page, user }) => {
  const service = await seedService(user.id);
  const { db } = await import("@/lib/db");
  await db.callbackAttempt.create({
    data: {
      serviceId: service.id,
      callbackType: "delivery_status",
      url: "https://hooks.example.gov/old",
      attempt: 3,
      succeeded: false,
      statusCode: 502,
      error: "HTTP 502",
      durationMs: 120,
    },
  });
  await signIn(page, user);
  await page.goto(`/services/${service.id}/api/callbacks`);
  await expect(page.getByRole("table", { name: /callbacks your system did not accept/ })).toContainText("Answered 502");
  await expectAccessible(page);
  await snapshot(page, "api-callbacks");

  await page.getByRole("link", { name: "Set up delivery receipts callback" }).click();
  await page.getByLabel("URL").fill("http://hooks.example.gov/notify");
  await page.getByLabel("Bearer token").fill("short");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(errorSummary(page)).toContainText("The URL must start with https://");
  await expect(errorSummary(page)).toContainText("The bearer token must be at least 10 characters");
  await expect(page.getByLabel("URL")).toHaveValue("http://hooks.example.gov/notify");
  await expect(page.getByLabel("Bearer token")).toHaveValue("");
  await expectAccessible(page);
  await snapshot(page, "api-callback-error");

  await page.getByLabel("URL").fill("https://hooks.example.gov/notify");
  await page.getByLabel("Bearer token").fill("a-long-secret-token");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Callback saved.")).toBeVisible();
  await expect(page.getByText("https://hooks.example.gov/notify")).toBeVisible();
  await expect(page.locator("body")).not.toContainText("a-long-secret-token");

  await page.getByRole("link", { name: "Remove delivery receipts callback" }).click();
  await expect(page.getByRole("heading", { name: "Stop sending delivery receipts?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Yes, remove the callback" }).click();
  await expect(page.getByText("Callback removed.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Set up delivery receipts callback" })).toBeVisible();
});

test("a developer adds people to the guest list and removes one", async ({ page, user }) => {
  const service = await seedService(user.id);
  await signIn(page, user);
  await page.goto(`/services/${service.id}/api/guest-list`);
  await expect(page.getByText("No one yet.")).toBeVisible();
  await page.getByLabel("Email address or mobile number").fill("0121 496 0000");
  await page.getByRole("button", { name: "Add to the guest list" }).click();
  await expect(errorSummary(page)).toContainText("Not a UK mobile number");
  await expect(page.getByLabel("Email address or mobile number")).toHaveValue("0121 496 0000");
  await expectAccessible(page);
  await snapshot(page, "api-guest-list-error");

  await page.getByLabel("Email address or mobile number").fill("Tester@Example.gov.uk");
  await page.getByRole("button", { name: "Add to the guest list" }).click();
  await expect(page.getByRole("status")).toContainText("tester@example.gov.uk was added to the guest list");
  await page.getByLabel("Email address or mobile number").fill("07123 456 789");
  await page.getByRole("button", { name: "Add to the guest list" }).click();
  await expect(page.getByRole("list", { name: "Guest list" })).toContainText("+447123456789");
  await expectAccessible(page);
  await snapshot(page, "api-guest-list");

  await page.getByRole("link", { name: "Remove +447123456789" }).click();
  await expect(page.getByRole("heading", { name: "Remove +447123456789 from the guest list?" })).toBeVisible();
  await page.getByRole("button", { name: "Yes, remove it" }).click();
  await expect(page.getByText("Removed from the guest list.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Guest list" })).not.toContainText("+447123456789");
  await expect(page.getByRole("list", { name: "Guest list" })).toContainText("tester@example.gov.uk");
});

test("a member without 'manage API integration' neither sees the section, opens it, nor runs its actions", async ({
  page,
  user,
}) => {
  const service = await seedService(user.id, ["send_messages", "view_activity"]);
  const { makeApiKey } = await import("../tests/support/factories");
  const key = await makeApiKey(service.id, "normal", "Keep me");
  await signIn(page, user);
  await page.goto(`/services/${service.id}`);
  await expect(
    page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "API integration" }),
  ).toHaveCount(0);
  for (const path of [
    "api",
    "api/keys",
    "api/keys/new",
    "api/callbacks",
    "api/callbacks/delivery-status",
    "api/guest-list",
  ]) {
    expect((await page.goto(`/services/${service.id}/${path}`))?.status(), path).toBe(403);
  }

  // A confirmation opened while they had the permission is refused once they have lost it.
  const { db } = await import("@/lib/db");
  const setPermissions = (permissions: ("manage_api_keys" | "send_messages")[]) =>
    db.serviceMember.update({
      where: { serviceId_userId: { serviceId: service.id, userId: user.id } },
      data: { permissions },
    });
  await setPermissions(["manage_api_keys"]);
  await page.goto(`/services/${service.id}/api/keys?revoke=${key.id}`);
  await setPermissions(["send_messages"]);
  await page.getByRole("button", { name: "Yes, revoke this key" }).click();
  await expect(page.getByRole("heading", { name: "You do not have permission to see this page" })).toBeVisible();
  expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
});
