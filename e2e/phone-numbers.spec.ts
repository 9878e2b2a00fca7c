import { randomUUID } from "node:crypto";
import {
  DescribeOptedOutNumbersCommand,
  DescribePhoneNumbersCommand,
  DescribeRegistrationsCommand,
  PinpointSMSVoiceV2Client,
  RequestPhoneNumberCommand,
} from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { NotifyClient } from "notifications-node-client";
import { baseURL, certificatePort, smsStandInPort } from "../playwright.config";
import { fixtureEvent, resignedFixture, startCertificateServer } from "../tests/support/sns-messages";
import { errorSummary, expect, expectAccessible, signIn, snapshot, test } from "./support/fixtures";

// npm start's own End User Messaging SMS stand-in, asked with the real SDK as Tidings asks it.
const standIn = new PinpointSMSVoiceV2Client({
  endpoint: `http://127.0.0.1:${smsStandInPort}`,
  region: "us-east-1",
  credentials: { accessKeyId: "stand-in", secretAccessKey: "stand-in" },
});
const SIMULATOR_DESTINATION = "+14254147755";

test("a platform admin requests a simulator number, gives it to a service to send and receive, sees a STOP reach both opt-out lists, takes it back and releases it", async ({
  page,
  admin,
  user,
}) => {
  test.setTimeout(120_000);
  const { makeApiKey, makeService, makeTemplate } = await import("../tests/support/factories");
  const { db } = await import("@/lib/db");
  const service = await makeService({
    name: `Bin reminders ${Date.now()}`,
    trialMode: false,
    members: [{ userId: user.id }],
  });
  await db.service.update({ where: { id: service.id }, data: { canSendInternationalSms: true } });

  await signIn(page, admin);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Text message spend this month" })).toBeVisible();
  await expect(page.getByText("of the $100.00 monthly limit AWS enforces")).toBeVisible();
  // From 80% of AWS's limit, a warning: texts whose events priced them at $85 this month.
  const pricey = await db.providerEvent.create({
    data: {
      snsMessageId: randomUUID(),
      source: "sms",
      eventType: "TEXT_DELIVERED",
      providerMessageId: randomUUID(),
      payload: { eventType: "TEXT_DELIVERED", totalMessagePrice: 85 },
      appliedAt: new Date(),
    },
  });
  await page.reload();
  await expect(page.getByText(/Text messages have cost \d+% of the account.s monthly spend limit/)).toBeVisible();
  await snapshot(page, "admin-sms-spend-warning");
  await db.providerEvent.delete({ where: { id: pricey.id } });
  await page.getByRole("navigation", { name: "Platform admin" }).getByRole("link", { name: "Phone numbers" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Phone numbers" })).toBeVisible();
  // The zero-setup start's simulator numbers.
  await expect(page.getByRole("link", { name: "+12065550100" })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "phone-numbers-inventory");

  await page.getByLabel("Type").selectOption({ label: "Simulator" });
  await page.getByLabel("Status").selectOption({ label: "Pending" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No number matches these filters.")).toBeVisible();

  // Request: choose, see the price, confirm.
  await page.getByRole("link", { name: "Request a number" }).click();
  await page.getByLabel("Type of number").selectOption("SIMULATOR");
  await page.getByRole("checkbox", { name: "Text messages" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("$0.00 a month, plus what each message costs")).toBeVisible();
  // Two-way stays off until a service receives texts on it.
  await expect(page.getByText("Two-way", { exact: true }).locator("xpath=following-sibling::dd[1]")).toHaveText("Off");
  await expectAccessible(page);
  await snapshot(page, "phone-numbers-request-confirm");

  // A refused choice is explained: AWS only gives simulator numbers for transactional messages.
  await page.getByRole("link", { name: "Change these choices" }).click();
  await page.getByLabel("Messages it sends").selectOption("PROMOTIONAL");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Request the number" }).click();
  await expect(errorSummary(page)).toContainText("Simulator numbers only send TRANSACTIONAL messages");
  await expectAccessible(page);
  await snapshot(page, "phone-numbers-request-refused");
  await page.getByRole("link", { name: "Change these choices" }).click();
  await page.getByLabel("Messages it sends").selectOption("TRANSACTIONAL");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Request the number" }).click();

  await expect(page.getByText("AWS is setting up the number. It is pending")).toBeVisible();
  const number = (await page.getByRole("heading", { level: 2 }).first().textContent())!.trim();
  expect(number).toMatch(/^\+1\d{10}$/);
  await expectAccessible(page);
  await snapshot(page, "phone-number-pending");

  // Active a few seconds later, seen on refresh.
  await expect(async () => {
    await page.getByRole("link", { name: "Refresh" }).click();
    await expect(page.getByText("Active Refresh")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  // Give it to the service as its default sender and its inbound number.
  await page.getByLabel("Service").selectOption({ label: service.name });
  await page.getByRole("checkbox", { name: "Sends texts from it (once it is active)" }).check();
  await page.getByRole("checkbox", { name: "As its default sender" }).check();
  await page.getByRole("checkbox", { name: "Receives texts people send to it (two-way turned on)" }).check();
  await page.getByRole("button", { name: "Give the number to the service" }).click();
  await expect(page.getByText("The number is now the service's")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("link", { name: service.name })).toHaveCount(2);
  await expect(page.getByText(`tidings-${service.id}`)).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "phone-number-assigned");

  // A text from it.
  const template = await makeTemplate(service.id, { type: "sms" });
  const key = await makeApiKey(service.id, "normal");
  const sent = await new NotifyClient(baseURL, key.key).sendSms(template.id, SIMULATOR_DESTINATION, {
    personalisation: { name: "Ada", code: "123456" },
  });
  expect(sent.status).toBe(201);
  const notificationId = (sent.data as { id: string }).id;
  expect(await db.notification.findUniqueOrThrow({ where: { id: notificationId } })).toMatchObject({
    smsSender: number,
  });

  // A signed STOP to the number, through the inbound webhook.
  const certificates = await startCertificateServer(certificatePort);
  try {
    const stop = resignedFixture("sms-inbound", certificates.certificateUrl, {
      ...fixtureEvent<Record<string, unknown>>("sms-inbound"),
      originationNumber: SIMULATOR_DESTINATION,
      destinationNumber: number,
      messageBody: "STOP",
      inboundMessageId: randomUUID(),
    });
    const response = await fetch(`${baseURL}/api/webhooks/inbound-sms`, {
      method: "POST",
      headers: { "Content-Type": "text/plain; charset=UTF-8" },
      body: JSON.stringify(stop),
    });
    expect(response.status).toBe(200);
  } finally {
    await certificates.close();
  }

  // The service's page shows the opt-out; AWS's list for the service has it too.
  await page.goto(`/services/${service.id}/phone-numbers`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("cell", { name: SIMULATOR_DESTINATION, exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("cell", { name: "Texted STOP (or another opt-out word)" })).toBeVisible();
  await expect(page.getByRole("cell", { name: number, exact: true })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "service-phone-numbers-opted-out");
  await expect(async () => {
    const listed = await standIn.send(new DescribeOptedOutNumbersCommand({ OptOutListName: `tidings-${service.id}` }));
    expect(listed.OptedOutNumbers?.map((entry) => entry.OptedOutNumber)).toEqual([SIMULATOR_DESTINATION]);
  }).toPass({ timeout: 30_000 });

  // The service's member sees its numbers, and the opted-out number, and can remove it after confirming.
  await page.context().clearCookies();
  await signIn(page, user);
  await page.goto(`/services/${service.id}/settings`);
  for (const row of ["Receives texts at", "Its phone numbers"])
    await expect(page.getByText(row, { exact: true }).locator("xpath=following-sibling::dd[1]")).toHaveText(number);
  await page.goto(`/services/${service.id}/phone-numbers`);
  await page.getByRole("link", { name: `Remove ${SIMULATOR_DESTINATION}` }).click();
  await expect(
    page.getByRole("heading", { name: `Remove ${SIMULATOR_DESTINATION} from the opted-out numbers?` }),
  ).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "service-phone-numbers-remove-confirm");
  await page.getByRole("button", { name: "Yes, remove it" }).click();
  await expect(page.getByText("The number was removed: your service can text it again.")).toBeVisible();
  await expect(async () => {
    const listed = await standIn.send(new DescribeOptedOutNumbersCommand({ OptOutListName: `tidings-${service.id}` }));
    expect(listed.OptedOutNumbers ?? []).toEqual([]);
  }).toPass({ timeout: 30_000 });
  expect((await page.goto("/admin/phone-numbers"))?.status()).toBe(403);

  // Back as the admin: release is refused while the service uses it; take it back, then release.
  await page.context().clearCookies();
  await signIn(page, admin);
  await page.goto("/admin/phone-numbers");
  await page.getByRole("link", { name: number }).click();
  await page.getByRole("link", { name: "Release this number" }).click();
  await page.getByRole("button", { name: "Yes, release the number" }).click();
  await expect(errorSummary(page)).toContainText(`${number} is in use: ${service.name} sends from it`);
  await snapshot(page, "phone-number-release-refused");

  await page.getByRole("button", { name: `Stop ${service.name} sending from it` }).click();
  await expect(page.getByText("The number was taken back from the service.")).toBeVisible();
  await page.getByRole("button", { name: `Stop ${service.name} receiving on it` }).click();
  await expect(page.getByRole("button", { name: `Stop ${service.name} receiving on it` })).toHaveCount(0);
  await expect(page.getByText("The number was taken back from the service.")).toBeVisible();
  await snapshot(page, "phone-number-taken-back");
  await page.goto(
    `/admin/phone-numbers/${encodeURIComponent((await db.phoneNumber.findFirstOrThrow({ where: { number } })).awsId)}?release=1#confirm`,
  );
  // Two-way is back as it was before the service received on it.
  await expect(page.getByText("Two-way", { exact: true }).locator("xpath=following-sibling::dd[1]")).toHaveText("Off");
  await expectAccessible(page);
  await snapshot(page, "phone-number-release-confirm");
  await page.getByRole("button", { name: "Yes, release the number" }).click();
  await expect(page.getByText(`${number} was released`)).toBeVisible();
  await page.getByRole("link", { name: "Refresh from AWS" }).click();
  await expect(page.getByRole("row", { name: new RegExp(`\\${number}`) })).toContainText("Deleted");
  await snapshot(page, "phone-numbers-after-release");
});

test("a platform admin creates and submits a toll-free registration, turns a number's deletion protection off to release it, and sends sign-in codes from a pool", async ({
  page,
  admin,
}) => {
  test.setTimeout(120_000);
  const { db } = await import("@/lib/db");
  await signIn(page, admin);

  // A registration: a mistake and AWS's refusal shown beside their fields, then created and submitted.
  await page.goto("/admin/phone-numbers");
  await page.getByRole("link", { name: "Registrations", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Create a US toll-free registration" })).toBeVisible();
  const fill = {
    "Organisation's legal name": "Example Council",
    "Organisation's website": "https://example.gov",
    "Street address": "1 High Street",
    City: "Springfield",
    "State or region": "IL",
    "ZIP or postal code": "62701",
    "Contact's first name": "Ada",
    "Contact's last name": "Lovelace",
    "Support email address": "not-an-email",
    "Support phone number": "+12065550199",
    "Describe what you send and to whom": "Sign-in codes for council staff",
    "How people agree to receive texts": "Staff give their number when their account is made",
    "A sample text": "123456 is your sign-in code",
  };
  for (const [label, value] of Object.entries(fill)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel("Country", { exact: true }).selectOption("US");
  await page.getByLabel("Texts a month").selectOption("1,000");
  await page.getByLabel("What the texts are for").selectOption("TWO_FACTOR_AUTHENTICATION");
  await page.getByRole("button", { name: "Create the registration" }).click();
  await expect(errorSummary(page)).toContainText("Support email address must be an email address");
  await expect(page.locator("#contactInfo\\.supportEmail-error")).toContainText("must be an email address");
  await expectAccessible(page);
  await snapshot(page, "phone-registration-field-error");
  await page.getByLabel("Support email address").fill("support@example.gov");
  await page.getByRole("button", { name: "Create the registration" }).click();
  await expect(page.getByText(/is created as a draft/)).toBeVisible();
  const { Registrations = [] } = await standIn.send(new DescribeRegistrationsCommand({}));
  const created = Registrations.find((entry) => entry.RegistrationStatus === "CREATED")!;
  expect(created.RegistrationType).toBe("US_TOLL_FREE_REGISTRATION");
  const row = page.getByRole("row", { name: new RegExp(created.RegistrationId!) });
  await expect(row).toContainText("Created, not submitted");
  await snapshot(page, "phone-registration-created");
  await row.getByRole("button", { name: `Submit ${created.RegistrationId} for review` }).click();
  await expect(page.getByText(/is submitted: AWS usually takes about 2 weeks/)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(created.RegistrationId!) })).toContainText("Submitted");
  await expectAccessible(page);
  await snapshot(page, "phone-registration-submitted");

  // Deletion protection: release refused while on; turned off after confirming; then released.
  const protectedNumber = await standIn.send(
    new RequestPhoneNumberCommand({
      IsoCountryCode: "US",
      NumberType: "SIMULATOR",
      MessageType: "TRANSACTIONAL",
      NumberCapabilities: ["SMS"],
      DeletionProtectionEnabled: true,
    }),
  );
  const here = `/admin/phone-numbers/${encodeURIComponent(protectedNumber.PhoneNumberId!)}`;
  await page.goto(`${here}?refresh=1`);
  await expect(
    page
      .locator("dt")
      .filter({ hasText: /^Deletion protection$/ })
      .locator("xpath=following-sibling::dd[1]"),
  ).toHaveText("On");
  await page.getByRole("link", { name: "Release this number" }).click();
  await page.getByRole("button", { name: "Yes, release the number" }).click();
  await expect(errorSummary(page)).toContainText("Deletion protection is on");
  await page.goto(here);
  await page.getByRole("link", { name: "Turn deletion protection off" }).click();
  await expect(
    page.getByRole("heading", { name: `Turn deletion protection off for ${protectedNumber.PhoneNumber}?` }),
  ).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "phone-number-protection-confirm");
  await page.getByRole("button", { name: "Yes, turn deletion protection off" }).click();
  await expect(page.getByText("Deletion protection is now off.")).toBeVisible();
  const described = await standIn.send(
    new DescribePhoneNumbersCommand({ PhoneNumberIds: [protectedNumber.PhoneNumberId!] }),
  );
  expect(described.PhoneNumbers?.[0]?.DeletionProtectionEnabled).toBe(false);
  await page.getByRole("link", { name: "Release this number" }).click();
  await page.getByRole("button", { name: "Yes, release the number" }).click();
  await expect(page.getByText(`${protectedNumber.PhoneNumber} was released`)).toBeVisible();

  // The platform's own texts from a pool; put back as it was afterwards (other journeys sign in by text).
  const before = await db.serviceSmsSender.findMany({
    where: { service: { isPlatformService: true }, isDefault: true, archivedAt: null },
    select: { id: true },
  });
  try {
    await page.getByLabel("Send sign-in codes from").selectOption("pool:pool-example");
    await page.getByRole("button", { name: "Use this" }).click();
    await expect(page.getByText("Tidings' own text messages now come from it")).toBeVisible();
    await expect(page.getByText(/sign-in codes\) come from pool-example/)).toBeVisible();
    await expectAccessible(page);
    await snapshot(page, "phone-numbers-platform-pool");
  } finally {
    await db.serviceSmsSender.updateMany({
      where: { service: { isPlatformService: true }, sender: "pool-example" },
      data: { isDefault: false, archivedAt: new Date() },
    });
    if (before.length)
      await db.serviceSmsSender.updateMany({
        where: { id: { in: before.map((entry) => entry.id) } },
        data: { isDefault: true },
      });
  }
});
