import { expect, expectAccessible, signIn, snapshot, test } from "./support/fixtures";

test("a member builds a list from a spreadsheet, segments it, sends a tracked campaign on a schedule, pauses and resumes it, reads its report, a recipient unsubscribes, and a contact list is a campaign's audience", async ({
  page,
  user,
}) => {
  test.setTimeout(240_000);
  const { makeService, makeTemplate } = await import("../tests/support/factories");
  const { db } = await import("@/lib/db");
  const service = await makeService({ name: `Parks ${Date.now()}`, members: [{ userId: user.id }], trialMode: false });
  await db.service.update({ where: { id: service.id }, data: { emailMessageLimit: 100_000 } });
  await makeTemplate(service.id, {
    type: "email",
    name: "Parks newsletter",
    subject: "News from the parks, ((name))",
    content: "Dear ((name)),\n\nThe park in ((area)) opens early this spring.\n\nhttps://example.gov/parks",
  });
  await signIn(page, user);
  // Before any campaign, the dashboard says nobody has unsubscribed.
  await page.goto(`/services/${service.id}`);
  await expect(
    page
      .getByRole("region", { name: "Unsubscribes from campaigns" })
      .getByText("Nobody has unsubscribed from your campaigns in the last 7 days."),
  ).toBeVisible();

  // A list, imported from a CSV of 1,000 people (two rows not valid): with JavaScript the browser
  // puts the file straight into S3, and the import's page follows the worker reading it.
  const directUploads: string[] = [];
  page.on("requestfinished", (request) => {
    if (request.method() === "PUT" && !request.url().startsWith(new URL(page.url()).origin))
      directUploads.push(request.url());
  });
  await page.goto(`/services/${service.id}/lists`);
  await expect(page.getByText("You have no mailing lists yet.")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("List name").fill("Parks news");
  await page.getByRole("button", { name: "Create the list" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Parks news" })).toBeVisible();
  const listId = new URL(page.url()).pathname.split("/").at(-1)!;
  const rows = Array.from(
    { length: 1000 },
    (_, index) => `resident-${index}@example.com,Resident ${index},${index % 2 ? "North" : "South"}`,
  );
  const csv = ["email address,name,area", ...rows, "not-an-address,Nobody,North", ",Empty,South"].join("\n");
  // The list's row is held until the progress bar has been seen, so the worker cannot finish first.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let holding = () => {};
  const isHeld = new Promise<void>((resolve) => (holding = resolve));
  const hold = db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM mailing_lists WHERE id = ${listId}::uuid FOR NO KEY UPDATE`;
      holding();
      await held;
    },
    { timeout: 60_000 },
  );
  await isHeld;
  await page
    .getByLabel("CSV file or spreadsheet")
    .setInputFiles({ name: "residents.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Importing ‘residents.csv’" })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("progressbar", { name: "Imported" })).toBeVisible();
  expect(directUploads).toHaveLength(1);
  // (Not checked with axe: without JavaScript the page follows the import with a meta refresh, as bulk checks do.)
  await snapshot(page, "campaigns-list-importing");
  release();
  await hold;
  await expect(page.getByRole("heading", { level: 1, name: "‘residents.csv’ was imported" })).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page.getByRole("term").filter({ hasText: "New subscribers" }).locator("xpath=following-sibling::dd[1]"),
  ).toHaveText("1,000");
  const notImported = page.getByRole("table", { name: "Rows not imported" });
  await expect(notImported.getByRole("row")).toHaveCount(3);
  await expect(notImported).toContainText("1002");
  await expect(notImported).toContainText("Not a valid email address");
  await expect(notImported).toContainText("1003");
  await expect(notImported).toContainText("No email address");
  await expectAccessible(page);
  await snapshot(page, "campaigns-list-import-report");
  await page.getByRole("link", { name: "Back to the list" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Parks news" })).toBeVisible();
  await expect(page.getByText("1,000 on this list.")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "campaigns-list-imported");

  // A segment, counted before it is saved.
  await page.getByLabel("Segment name").fill("North of the river");
  await page.getByLabel("Attribute", { exact: true }).first().fill("area");
  await page.getByLabel("Value", { exact: true }).first().fill("North");
  await page.getByRole("button", { name: "Count who matches" }).click();
  await expect(page.getByText("500 people in this segment can be sent to (500 subscribed).")).toBeVisible();
  await page.getByRole("button", { name: "Save the segment" }).click();
  await expect(page.getByText("The segment “North of the river” was saved")).toBeVisible();
  await expect(page.getByRole("table").filter({ hasText: "North of the river" })).toContainText("500");
  await snapshot(page, "campaigns-segment");

  // A tracked campaign to the segment.
  await page.getByRole("link", { name: "Campaigns", exact: true }).first().click();
  await expect(page.getByText("No campaigns yet.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Create a campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create a campaign" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Campaign name").fill("Spring opening");
  await page.getByLabel("Email template").selectOption({ label: "Parks newsletter" });
  await page.getByLabel(/Parks news \(1,000 subscribed\)/).check();
  await page.getByLabel("Segment of Parks news").selectOption({ label: "Only the segment: North of the river" });
  await page.getByLabel("From name (optional)").fill("Parks team");
  await page.getByLabel("Fallbacks for placeholders (optional)").fill("area: your area");
  await page.getByLabel("Track who opens the email and clicks its links").check();
  await snapshot(page, "campaigns-new");
  await page.getByRole("button", { name: "Save the campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Spring opening" })).toBeVisible();
  await expect(page.getByText("500 of the 500 subscribed addresses will be sent to")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "campaign-draft");

  await page.getByRole("link", { name: "Preview the email" }).click();
  await expect(page.getByText("Dear Resident 101,")).toBeVisible();
  await expect(page.getByText("Do not want these emails? Unsubscribe:")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "campaign-preview");
  await page.getByRole("link", { name: "Back to the campaign" }).click();

  await page.getByRole("button", { name: "Send a test to myself" }).click();
  await expect(page.getByText(`A test email is on its way to ${user.email}`)).toBeVisible();

  // Scheduled for tomorrow, paused, then resumed: it sends at once.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
  await page.getByLabel("Schedule it").check();
  await page.getByLabel("Date and time to send (UTC), if scheduled").fill(tomorrow);
  await page.getByRole("button", { name: "Send to 500 people" }).click();
  await expect(page.getByText(`Status: Scheduled for ${tomorrow.replace("T", " ")} UTC`)).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "campaign-scheduled");
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByText("Status: Paused")).toBeVisible();
  await page.getByRole("button", { name: "Resume" }).click();
  // The page follows it live until it is sent.
  await expect(page.getByText("Status: Sent")).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText("500 of 500 sent")).toBeVisible({ timeout: 60_000 });
  // The simulated provider reports an open of each delivered email of a tracked campaign, as SES's tracking would.
  await expect(async () => {
    await page.reload();
    for (const figure of ["Delivered", "Opened"])
      await expect(
        page.getByRole("term").filter({ hasText: figure }).locator("xpath=following-sibling::dd[1]"),
      ).toHaveText("500", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole("figure").filter({ hasText: "Over time" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Rates against AWS’s thresholds" })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "campaign-report");

  const csvDownload = await page.request.get(`${page.url()}/export`);
  expect((await csvDownload.text()).split("\n").length).toBe(502);

  // One recipient unsubscribes with a mail provider's one-click POST, another through the page.
  const [first, second] = await db.notification.findMany({
    where: { serviceId: service.id, unsubscribeUrl: { not: null } },
    orderBy: { normalisedRecipient: "asc" },
    take: 2,
    select: { unsubscribeUrl: true, normalisedRecipient: true },
  });
  const oneClick = await page.request.post(first!.unsubscribeUrl!, {
    form: { "List-Unsubscribe": "One-Click" },
    headers: { Cookie: "" },
  });
  expect(oneClick.status()).toBe(200);
  const serviceId = service.id;
  const statusOf = async (email: string) =>
    (await db.subscriber.findFirstOrThrow({ where: { serviceId, normalisedEmail: email } })).status;
  expect(await statusOf(first!.normalisedRecipient)).toBe("unsubscribed");

  await page.goto(second!.unsubscribeUrl!);
  await expect(page.getByRole("heading", { level: 1, name: "Unsubscribe from Parks news" })).toBeVisible();
  expect(await statusOf(second!.normalisedRecipient)).toBe("subscribed");
  await expectAccessible(page);
  await snapshot(page, "unsubscribe-page");
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByText("You have been unsubscribed.")).toBeVisible();
  expect(await statusOf(second!.normalisedRecipient)).toBe("unsubscribed");
  await expect(page.getByRole("button", { name: "Subscribe again" })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "unsubscribe-done");

  await page.goto(`/services/${service.id}/campaigns`);
  await expect(page.getByRole("table")).toContainText("Spring opening");
  await expect(page.getByRole("row").filter({ hasText: "Spring opening" })).toContainText("2");
  await expectAccessible(page);
  await snapshot(page, "campaigns-list");
  // The dashboard counts both, against the campaign they came from.
  await page.goto(`/services/${service.id}`);
  const unsubscribes = page.getByRole("region", { name: "Unsubscribes from campaigns" });
  await expect(unsubscribes).toContainText("2 people unsubscribed in the last 7 days, from:");
  await expect(unsubscribes.getByRole("listitem")).toHaveText(["Spring opening: 2"]);
  await unsubscribes.scrollIntoViewIfNeeded();
  await expectAccessible(page);
  await snapshot(page, "dashboard-unsubscribes");
  await unsubscribes.getByRole("link", { name: "Spring opening" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Spring opening" })).toBeVisible();

  // A saved contact list of allotment holders (one of them already on Parks news) as a campaign's audience.
  await page.goto(`/services/${service.id}/contact-lists`);
  await page.getByLabel("Name of the list").fill("Allotment holders");
  await page.getByLabel("Spreadsheet").setInputFiles({
    name: "allotments.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      [
        "email address,name,area",
        "resident-0@example.com,Resident 0,South",
        "plot-1@example.com,Plot One,East",
        "plot-2@example.com,Plot Two,West",
      ].join("\n"),
    ),
  });
  await page.getByRole("button", { name: "Save contact list" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Allotment holders" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^3$/ })).toBeVisible({ timeout: 30_000 });

  await page.goto(`/services/${service.id}/campaigns/new`);
  await expect(page.getByText("Only lists of email addresses can receive a campaign")).toBeVisible();
  await page.getByLabel("Campaign name").fill("Allotment open day");
  await page.getByLabel("Email template").selectOption({ label: "Parks newsletter" });
  await page.getByLabel(/Parks news \(998 subscribed\)/).check();
  await page.getByLabel(/Allotment holders \(contact list, 3 rows\)/).check();
  await expectAccessible(page);
  await snapshot(page, "campaigns-new-contact-list");
  await page.getByRole("button", { name: "Save the campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Allotment open day" })).toBeVisible();
  await expect(
    page
      .getByText("Parks news, Allotment holders (contact list)")
      .or(page.getByText("Allotment holders (contact list), Parks news")),
  ).toBeVisible();
  // Once the contact list has been copied in: 998 still subscribed on Parks news, and the two new allotment holders.
  await expect(page.getByText("1,000 of the 1,000 subscribed addresses will be sent to")).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("button", { name: "Send to 1,000 people" })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "campaign-draft-contact-list");

  await page.goto(`/services/${service.id}/lists`);
  await page.getByRole("link", { name: "Allotment holders (contact list)" }).click();
  await expect(page.getByText("This list holds the contact list")).toBeVisible();
  await expect(page.getByText("3 on this list.")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "campaigns-contact-list-copy");
});
