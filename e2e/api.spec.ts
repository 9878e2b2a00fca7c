import { OPERATOR } from "@/lib/permissions";
import { NotifyClient } from "notifications-node-client";
import { baseURL } from "../playwright.config";
import { expect, expectAccessible, snapshot, test } from "./support/fixtures";

/** The public API served by the real Next.js server, driven by GOV.UK Notify's own client. */
test("the official client sends an email with a test key and sees it delivered", async () => {
  const [{ createService }, { createTemplate }, { createApiKey }, { createUser }] = await Promise.all([
    import("@/lib/services/create-service"),
    import("@/lib/templates/create-template"),
    import("@/lib/api-keys/create-api-key"),
    import("@/lib/users/create-user"),
  ]);
  const owner = await createUser({
    actor: OPERATOR,
    email: `api-owner-${Date.now()}@example.com`,
    name: "API Owner",
    password: "correct horse battery staple",
  });
  const service = await createService({ actor: OPERATOR, ownerId: owner.id, name: `API service ${Date.now()}` });
  const template = await createTemplate({
    actor: OPERATOR,
    serviceId: service.id,
    type: "email",
    name: "Receipt",
    subject: "Thanks, ((name))",
    content: "We received your form, ((name)).",
  });
  const key = await createApiKey({ actor: OPERATOR, serviceId: service.id, name: "e2e", keyType: "test" });

  const client = new NotifyClient(baseURL, key.key);
  const sent = await client.sendEmail(template.id, "someone@example.com", {
    personalisation: { name: "Ada" },
    reference: "e2e-1",
  });
  expect(sent.status).toBe(201);
  expect(sent.data.content).toMatchObject({ subject: "Thanks, Ada", body: "We received your form, Ada." });

  await expect
    .poll(async () => (await client.getNotificationById(sent.data.id)).data.status, { timeout: 20_000 })
    .toBe("delivered");
  const listed = await client.getNotifications("email", "delivered", "e2e-1");
  expect(listed.data.notifications.map((notification: { id: string }) => notification.id)).toEqual([sent.data.id]);
});

test("bad requests get Notify's error format from the real server", async ({ request }) => {
  const noAuth = await request.post("/v2/notifications/email", { data: {} });
  expect(noAuth.status()).toBe(401);
  expect(await noAuth.json()).toEqual({
    status_code: 401,
    errors: [{ error: "AuthError", message: "Unauthorized: authentication token must be provided" }],
  });
  const openapi = await request.get("/v2/openapi.json");
  expect((await openapi.json()).openapi).toBe("3.1.0");
});

test("the API documentation page is readable and accessible", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "API documentation" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Send an email" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Request body (JSON)" }).first()).toContainText("email_address");
  await expectAccessible(page);
  await snapshot(page, "api-documentation");
});
