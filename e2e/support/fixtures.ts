import { OPERATOR } from "@/lib/permissions";
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { pointAtE2eDatabase } from "./environment";

pointAtE2eDatabase();

export const PASSWORD = "correct horse battery staple";

export type TestUser = { id: string; email: string; name: string; password: string };

/** Seeds through lib, as an operator's CLI would: the browser then does the rest. */
async function createTestUser(overrides: { isPlatformAdmin?: boolean } = {}): Promise<TestUser> {
  const { createUser } = await import("@/lib/users/create-user");
  const email = `e2e-${randomBytes(4).toString("hex")}@example.com`;
  const user = await createUser({
    actor: OPERATOR,
    email,
    name: "Ellis Example",
    password: PASSWORD,
    isPlatformAdmin: overrides.isPlatformAdmin ?? false,
  });
  return { ...user, password: PASSWORD };
}

/** The sign-in code Tidings last sent this person, read from its own outbox as they would from their inbox. */
export async function latestSignInCode(email: string): Promise<string> {
  const { db } = await import("@/lib/db");
  const message = await db.notification.findFirstOrThrow({
    where: { normalisedRecipient: email.toLowerCase(), service: { isPlatformService: true } },
    orderBy: { createdAt: "desc" },
    select: { body: true },
  });
  return /\d{6}/.exec(message.body)![0];
}

export async function signIn(page: Page, user: TestUser) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await page.getByLabel("Sign-in code").fill(await latestSignInCode(user.email));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your services" })).toBeVisible();
}

/** The error summary a form shows above itself when something needs fixing. */
export const errorSummary = (page: Page) => page.getByRole("alert", { name: "There is a problem" });

/** A full-page screenshot under test-results/screenshots, to look at after the run. */
export async function snapshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** axe-core's WCAG 2.2 AA rules must find nothing on the page as it is now. */
export async function expectAccessible(page: Page) {
  // Next.js streams a dynamic page's metadata after its body: wait for the title rather than flag its absence.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(
    results.violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
    ),
  ).toEqual([]);
}

export const test = base.extend<{ user: TestUser; admin: TestUser }>({
  user: async ({}, provide) => provide(await createTestUser()),
  admin: async ({}, provide) => provide(await createTestUser({ isPlatformAdmin: true })),
});

export { expect };
