import { expect, expectAccessible, signIn, snapshot, test } from "./support/fixtures";

/** A live service with 120 emails sent this week, 8 of which bounced and 1 complained about. */
async function seedServiceWithBounces(userId: string) {
  const { db } = await import("@/lib/db");
  const { makeService, makeTemplate } = await import("../tests/support/factories");
  const service = await makeService({ name: `Council tax ${Date.now()}`, trialMode: false, members: [{ userId }] });
  const template = await makeTemplate(service.id, { type: "email" });
  const sentAt = new Date(Date.now() - 2 * 86_400_000);
  await db.notification.createMany({
    data: Array.from({ length: 120 }, (_, index) => ({
      serviceId: service.id,
      templateId: template.id,
      templateVersion: 1,
      type: "email" as const,
      recipient: `resident${index}@example.com`,
      normalisedRecipient: `resident${index}@example.com`,
      body: "Hello",
      subject: "Hello",
      keyType: "normal" as const,
      status: index < 8 ? ("permanent_failure" as const) : ("delivered" as const),
      sentAt,
      createdAt: sentAt,
    })),
  });
  await db.suppressionEntry.createMany({
    data: Array.from({ length: 8 }, (_, index) => ({
      serviceId: service.id,
      recipientType: "email" as const,
      recipient: `resident${index}@example.com`,
      reason: "bounce" as const,
      bounceSubType: "General",
      diagnosticCode: "smtp; 550 5.1.1 user unknown",
      createdAt: sentAt,
    })),
  });
  await db.providerEvent.createMany({
    data: Array.from({ length: 8 }, (_, index) => ({
      snsMessageId: `e2e-${service.id}-${index}`,
      source: "ses",
      eventType: "Bounce",
      serviceId: service.id,
      occurredAt: sentAt,
      payload: {
        eventType: "Bounce",
        bounce: {
          bounceType: "Permanent",
          bounceSubType: "General",
          bouncedRecipients: [{ emailAddress: `resident${index}@example.com` }],
        },
        mail: { messageId: `m${index}` },
      },
    })),
  });
  await db.complaint.create({
    data: {
      serviceId: service.id,
      emailAddress: "resident100@example.com",
      feedbackType: "abuse",
      complainedAt: sentAt,
    },
  });
  await db.providerEvent.create({
    data: {
      snsMessageId: `e2e-${service.id}-complaint`,
      source: "ses",
      eventType: "Complaint",
      serviceId: service.id,
      occurredAt: sentAt,
      payload: {
        eventType: "Complaint",
        complaint: {
          complaintFeedbackType: "abuse",
          complainedRecipients: [{ emailAddress: "resident100@example.com" }],
        },
        mail: { messageId: "m100" },
      },
    },
  });
  return service;
}

test("a member sees bounce and complaint rates against AWS's thresholds and takes a recipient off the suppression list", async ({
  page,
  user,
}) => {
  const service = await seedServiceWithBounces(user.id);
  await signIn(page, user);
  await expect(page.getByRole("link", { name: "High bounce rate" })).toBeVisible();
  await page.getByRole("link", { name: service.name }).click();
  await expect(page.getByText("This service’s email bounce rate is above AWS’s threshold.")).toBeVisible();

  await page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "Bounces and complaints" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bounces and complaints" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Too many emails are bouncing" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Last 7 days" })).toContainText("6.67%");
  await expect(page.getByRole("img", { name: /Bounce rate by day/ })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "deliverability");

  await page.getByRole("navigation", { name: "Filter by type" }).getByRole("link", { name: "Complaints" }).click();
  await expect(page.locator("#recent + nav + table")).toContainText("resident100@example.com");
  await expect(page.locator("#recent + nav + table")).not.toContainText("resident0@example.com");

  await page.getByLabel("Search recipients").fill("resident3@");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Remove resident3@example.com" }).click();
  await expect(
    page.getByRole("heading", { name: "Remove resident3@example.com from the suppression list?" }),
  ).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "deliverability-remove-confirm");
  await page.getByRole("button", { name: "Yes, remove it" }).click();
  await expect(page.getByText("The recipient was removed from the suppression list.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Remove resident3@example.com" })).toHaveCount(0);
});

test("a member who cannot view activity does not see the page", async ({ page, user }) => {
  const { makeService } = await import("../tests/support/factories");
  const service = await makeService({ members: [{ userId: user.id, permissions: ["send_messages"] }] });
  await signIn(page, user);
  await page.goto(`/services/${service.id}`);
  await expect(
    page.getByRole("navigation", { name: "Service" }).getByRole("link", { name: "Bounces and complaints" }),
  ).toHaveCount(0);
  const response = await page.goto(`/services/${service.id}/deliverability`);
  expect(response?.status()).toBe(403);
});
