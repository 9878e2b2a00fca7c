// The console works as plain HTML forms, as GOV.UK Notify's admin does: for browsers without
// JavaScript, screen reader set-ups and scripts. A form post must get a timely answer and leave
// no work spinning in the web server. The console's own endpoints are also fuzzed here, as only
// the real web server serves them (tests/integration/http-fuzz.test.ts covers /v2 and webhooks).
import type { Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { errorSummary, expect, latestSignInCode, snapshot, test, type TestUser } from "./support/fixtures";
import { watchPeakRss } from "../bench/support/memory";
import { cpuSeconds, pidListeningOn } from "./support/server-process";

test.use({ javaScriptEnabled: false });

async function signInWithoutJavaScript(page: Page, user: TestUser) {
  await page.goto("/sign-in?callbackUrl=%2Fservices");
  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toContainText("The email address or password you entered is incorrect");
  await expect(page.getByLabel("Email address")).toHaveValue(user.email);

  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  expect(new URL(page.url()).search).not.toContain("password");

  await page.getByLabel("Sign-in code").fill("000000" === (await latestSignInCode(user.email)) ? "111111" : "000000");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toContainText("That code is not right");
  await page.getByLabel("Sign-in code").fill(await latestSignInCode(user.email));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your services" })).toBeVisible();
}

test("every step from sign-in to sign-out works as plain form posts, and leaves the server idle", async ({
  page,
  user,
}) => {
  const { makeService } = await import("../tests/support/factories");
  const service = await makeService({ name: `Plain forms ${Date.now()}`, members: [{ userId: user.id }] });
  await signInWithoutJavaScript(page, user);

  // Forms whose actions are bound to the service: the kind that used to hang without JavaScript.
  await page.goto(`/services/${service.id}/settings`);
  await page.getByRole("link", { name: "Change service name" }).click();
  await page.getByLabel("Service name").fill(`${service.name} renamed`);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Service name: saved")).toBeVisible();
  await expect(page.getByRole("region", { name: "Service name" })).toContainText(`${service.name} renamed`);

  await page.goto(`/services/${service.id}/templates`);
  await page.getByLabel("New folder").fill("Plain folder");
  await page.getByRole("button", { name: "Add folder" }).click();
  await expect(page.getByRole("link", { name: /Plain folder/ })).toBeVisible();

  await page.goto(`/services/${service.id}/api/keys/new`);
  await page.getByLabel("Name for this key").fill("Plain key");
  await page.getByLabel(/^Test/).check();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Copy the key now")).toBeVisible();
  await snapshot(page, "without-javascript-api-key");

  // An import of subscribers: the file is posted to the web app, which streams it to S3, and the
  // import's page reloads itself until the worker has read it.
  const { createMailingList } = await import("@/lib/mailing-lists/create-mailing-list");
  const { OPERATOR } = await import("@/lib/permissions");
  const list = await createMailingList({ actor: OPERATOR, serviceId: service.id, name: "Plain list" });
  await page.goto(`/services/${service.id}/lists/${list.id}`);
  await page
    .getByLabel("CSV file or spreadsheet")
    .setInputFiles({ name: "people.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(errorSummary(page)).toContainText("The file must be a spreadsheet: CSV, TSV, XLSX or ODS");
  await page.getByLabel("CSV file or spreadsheet").setInputFiles({
    name: "people.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("email address,name\nplain@example.com,Plain Person\nnot an address,Nobody\n"),
  });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "‘people.csv’ was imported" })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("table", { name: "Rows not imported" })).toContainText("Not a valid email address");
  await snapshot(page, "without-javascript-import");

  await page.goto(`/services/${service.id}/team/invite`);
  await page.getByLabel("Email address").fill(`plain-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect(page.getByText(/Invitation created for/)).toBeVisible();

  // A spreadsheet as a plain form post: the web app streams it to S3 (the route that the proxy leaves alone).
  const { makeTemplate } = await import("../tests/support/factories");
  const template = await makeTemplate(service.id, { type: "email" });
  await page.goto(`/services/${service.id}/send/${template.id}/upload`);
  const file = page.getByLabel("Spreadsheet of recipients");
  await file.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await page.getByRole("button", { name: "Upload file" }).click();
  await expect(errorSummary(page)).toContainText("The file must be a spreadsheet: CSV, TSV, XLSX or ODS");
  await expect(file).toHaveAccessibleDescription(/The file must be a spreadsheet/);
  await file.setInputFiles({
    name: "people.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`email address,name,reference\n${user.email},Ada,R-1\n`),
  });
  await page.getByRole("button", { name: "Upload file" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "‘people.csv’ is ready to send" })).toBeVisible({
    timeout: 60_000,
  });

  // A large one arrives whole: the proxy, which would copy the body and cut it at 10 MB, leaves this
  // route alone. (Its heading row lacks the recipient column, so that the worker's check stops at once.)
  // That the web app never holds the file is measured in tests/integration/recipient-file-form-upload.test.ts;
  // the web server's RSS is printed here, garbage of the copies not yet swept included.
  const server = pidListeningOn(Number(new URL(baseURL).port));
  const memory = watchPeakRss([server]);
  const rssBefore = memory.peaks()[0]!;
  const big = Buffer.from(`name,reference\n${"A name,A reference\n".repeat((80 * 1024 * 1024) / 19)}`);
  const posted = await page.request.post(`/services/${service.id}/send/${template.id}/upload/file`, {
    multipart: { file: { name: "big.csv", mimeType: "text/csv", buffer: big } },
    headers: { origin: new URL(baseURL).origin },
    maxRedirects: 0,
    timeout: 120_000,
  });
  memory.stop();
  console.log(`web server RSS: ${rssBefore} MB, at most ${memory.peaks()[0]} MB while an 80 MB file was posted`);
  expect(posted.status()).toBe(303);
  const bigFileId = /\/uploads\/([0-9a-f-]{36})$/.exec(posted.headers()["location"] ?? "")?.[1];
  const { db } = await import("@/lib/db");
  expect((await db.recipientFile.findUniqueOrThrow({ where: { id: bigFileId } })).sizeBytes).toBe(big.length);

  // Nothing is left running once the answers are in: an idle server uses next to no CPU.
  const before = cpuSeconds(server);
  await page.waitForTimeout(3_000);
  const used = cpuSeconds(server) - before;
  console.log(`web server CPU in the 3 s after the form posts: ${used.toFixed(2)} s`);
  expect(used, "CPU seconds the web server used in 3 idle seconds").toBeLessThan(1.5);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.goto("/services");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
});

test("the console's endpoints answer odd input with 4xx, never a 5xx or a hang", async ({ request }) => {
  test.setTimeout(120_000);
  const callbackUrls = [
    "%2F%09%2Fevil.example",
    "%2F%5Cevil.example",
    "%2F%2Fevil.example",
    "%252F%252Fevil.example",
    "%E0%A4%A",
    "%00",
    "javascript:alert(1)",
    "x".repeat(8_000),
  ];
  const origins = ["https://evil.example", "null", "not a url", "http://", "http://localhost:1", "\u00e9"];
  const contentTypes = [
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=xyz",
    "multipart/form-data",
    "text/plain",
    "application/json",
    "",
  ];
  const bodies = [
    "email=a%40b.c&password=x",
    "email=%00&password=%E0%A4%A",
    `email=${"a".repeat(100_000)}&password=b`,
    '--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\na\r\n--xyz--\r\n',
    "--xyz\r\nbroken",
    '{"email":{"a":[[[[1]]]]}}',
    "\u0000\u0001",
  ];
  const outcomes: { what: string; status: number }[] = [];
  const probe = async (what: string, call: () => Promise<{ status(): number }>) => {
    const response = await call();
    outcomes.push({ what, status: response.status() });
  };
  for (const callbackUrl of callbackUrls) {
    for (const path of ["/sign-in", "/sign-in/code"])
      await probe(`GET ${path}?callbackUrl=${callbackUrl.slice(0, 40)}`, () =>
        request.get(`${path}?callbackUrl=${callbackUrl}`, { maxRedirects: 0 }),
      );
  }
  for (const origin of origins)
    for (const path of ["/sign-in", "/services", "/sign-in/code"])
      await probe(`POST ${path} Origin ${origin}`, () =>
        request.post(path, {
          headers: { origin, "content-type": "application/x-www-form-urlencoded" },
          data: "email=a&password=b",
          maxRedirects: 0,
        }),
      );
  for (const contentType of contentTypes)
    for (const body of bodies)
      await probe(`POST the upload route ${contentType}`, () =>
        request.post(`/services/${crypto.randomUUID()}/send/${crypto.randomUUID()}/upload/file`, {
          headers: { "content-type": contentType },
          data: body,
          maxRedirects: 0,
          timeout: 10_000,
        }),
      );
  for (const contentType of contentTypes)
    for (const body of bodies)
      for (const actionHeader of [undefined, "0000", "x".repeat(42), "$ACTION_ID_abc"])
        await probe(`POST /sign-in ${contentType} ${actionHeader ?? ""}`, () =>
          request.post("/sign-in", {
            headers: { "content-type": contentType, ...(actionHeader ? { "next-action": actionHeader } : {}) },
            data: body,
            maxRedirects: 0,
            timeout: 10_000,
          }),
        );
  for (const path of ["/api/auth/callback/credentials", "/api/auth/signin", "/api/health?x=%00", "/_next/%E0%A4%A"])
    await probe(`POST ${path}`, () =>
      request.post(path, { data: "csrfToken=x&email=a&callbackUrl=%2F%09%2Fevil.example", maxRedirects: 0 }),
    );

  const tally = new Map<number, number>();
  for (const { status } of outcomes) tally.set(status, (tally.get(status) ?? 0) + 1);
  console.log(
    `console fuzz: ${outcomes.length} requests; ${[...tally.entries()].map(([status, count]) => `${status}: ${count}`).join(", ")}`,
  );
  expect(outcomes.filter(({ status }) => status >= 500)).toEqual([]);
  // A foreign or garbled Origin is refused before anything runs.
  expect(outcomes.filter(({ what, status }) => / Origin /.test(what) && status !== 403)).toEqual([]);
  // No return path leads off the site.
  for (const { what, status } of outcomes.filter(({ what }) => what.startsWith("GET ")))
    expect(status, what).toBeLessThan(400);
  expect((await request.get("/api/health")).status()).toBe(200);
});
