import { errorSummary, expect, expectAccessible, signIn, snapshot, test } from "./support/fixtures";

// The smallest PNG (1×1).
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082",
  "hex",
);

test("a platform admin adds an email branding with a logo and gives it to a service, whose emails show it", async ({
  page,
  admin,
}) => {
  const { makeService, makeTemplate } = await import("../tests/support/factories");
  const service = await makeService({ name: `Branded ${Date.now()}`, members: [{ userId: admin.id }] });
  const template = await makeTemplate(service.id, { subject: "Your permit", content: "# Your permit\n\nIt is ready." });
  const name = `Parks <Department> ${Date.now()}`;
  await signIn(page, admin);

  await page.goto("/admin/branding");
  await page.getByLabel("Colour").fill("blue");
  await page.getByLabel("Logo (optional)").setInputFiles({
    name: "logo.svg",
    mimeType: "image/svg+xml",
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  });
  await page.getByRole("button", { name: "Add the branding" }).click();
  await expect(errorSummary(page)).toContainText("Enter a name for the branding");
  await expect(errorSummary(page)).toContainText("Enter the colour as a hex code, like #1d70b8");
  await expect(errorSummary(page)).toContainText("The logo must be a PNG or JPEG image");
  await expectAccessible(page);
  await snapshot(page, "branding-errors");

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Colour").fill("#00703c");
  await page.getByLabel("Logo (optional)").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Add the branding" }).click();
  await expect(page.getByText("The branding was added.")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("0 services");
  await snapshot(page, "branding-list");

  await page.goto(`/services/${service.id}/settings`);
  await expect(page.getByRole("region", { name: "Email branding" })).toContainText("None: the plain header");
  await page.getByRole("link", { name: "Change email branding" }).click();
  await page.getByRole("radio", { name }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Emails now have the chosen branding")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "branding-service");

  await page.goto(`/services/${service.id}/templates/${template.id}`);
  const preview = page.locator(".template-preview");
  await expect(preview).toContainText(name);
  const logo = preview.locator("img");
  await expect(logo).toHaveAttribute("src", /^\/branding\/[0-9a-f-]+\/logo\?v=\d+$/);
  await expect.poll(() => logo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);
  const response = await page.request.get((await logo.getAttribute("src"))!);
  expect(response.headers()["content-type"]).toBe("image/png");
  expect(response.headers()["cache-control"]).toContain("immutable");
  await snapshot(page, "branding-template-preview");
});
