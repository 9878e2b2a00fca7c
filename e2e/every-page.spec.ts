import { OPERATOR } from "@/lib/permissions";
// Every page in app/ is opened and checked with axe. The list of pages is read from the file system
// when the tests run, so a page added without an entry in PAGES below fails this spec.
import { randomInt } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { NotifyClient } from "notifications-node-client";
import { baseURL } from "../playwright.config";
import {
  expect,
  expectAccessible,
  latestSignInCode,
  PASSWORD,
  signIn,
  snapshot,
  test,
  type TestUser,
} from "./support/fixtures";

/** Who is looking: nobody signed in, someone between password and code (sent by email or by text), a service member with every permission, a platform admin. */
type Visitor = "signed-out" | "half-signed-in" | "half-signed-in-by-text" | "member" | "platform-admin";

/** What the tests seed before visiting, for pages whose address names something. */
type Seed = {
  serviceId: string;
  serviceName: string;
  emailTemplateId: string;
  emailTemplateName: string;
  smsTemplateId: string;
  smsTemplateName: string;
  folderId: string;
  notificationId: string;
  recipient: string;
  colleagueId: string;
  colleagueName: string;
  invitationPath: string;
};

type Visit = {
  as: Visitor;
  /** Names the screenshot, every-page-<slug>. */
  slug: string;
  url: (seed: Seed) => string;
  /** The page's own h1, so a not-found, forbidden or sign-in page cannot pass for it. */
  h1: string | ((seed: Seed) => string);
};

const service =
  (suffix = "") =>
  (seed: Seed) =>
    `/services/${seed.serviceId}${suffix}`;

/** Route pattern (as in app/, without route groups) → the visits that check it. */
const PAGES: Record<string, Visit[]> = {
  "/": [{ as: "member", slug: "home", url: () => "/", h1: "Your services" }],
  "/sign-in": [{ as: "signed-out", slug: "sign-in", url: () => "/sign-in", h1: "Sign in" }],
  "/sign-in/code": [
    { as: "half-signed-in", slug: "sign-in-code", url: () => "/sign-in/code", h1: "Check your email" },
    { as: "half-signed-in-by-text", slug: "sign-in-code-text", url: () => "/sign-in/code", h1: "Check your phone" },
  ],
  // A setup link only works while no one can sign in, which is never the case once the other tests have
  // created users: what a visitor then sees is the explanation.
  "/setup": [
    {
      as: "signed-out",
      slug: "setup",
      url: () => "/setup?token=used-or-expired",
      h1: "Create the first administrator",
    },
  ],
  "/invitation/[token]": [
    {
      as: "signed-out",
      slug: "invitation-new-account",
      url: (seed) => seed.invitationPath,
      h1: (seed) => `Join ${seed.serviceName}`,
    },
    {
      as: "signed-out",
      slug: "invitation-not-valid",
      url: () => "/invitation/not-the-whole-link",
      h1: "This invitation link is not valid",
    },
  ],
  "/docs/api": [{ as: "signed-out", slug: "docs-api", url: () => "/docs/api", h1: "API documentation" }],
  "/docs/trial-mode": [{ as: "signed-out", slug: "docs-trial-mode", url: () => "/docs/trial-mode", h1: "Trial mode" }],

  "/account": [{ as: "member", slug: "account", url: () => "/account", h1: "Your account" }],
  "/services": [{ as: "member", slug: "services", url: () => "/services", h1: "Your services" }],
  "/services/new": [{ as: "member", slug: "services-new", url: () => "/services/new", h1: "Add a new service" }],
  "/services/[serviceId]": [{ as: "member", slug: "dashboard", url: service(), h1: "Dashboard" }],
  "/services/[serviceId]/activity": [{ as: "member", slug: "activity", url: service("/activity"), h1: "Activity" }],
  "/services/[serviceId]/notifications/[notificationId]": [
    {
      as: "member",
      slug: "notification",
      url: (seed) => `/services/${seed.serviceId}/notifications/${seed.notificationId}`,
      h1: (seed) => `Email to ${seed.recipient}`,
    },
  ],
  "/services/[serviceId]/deliverability": [
    { as: "member", slug: "deliverability", url: service("/deliverability"), h1: "Bounces and complaints" },
  ],
  "/services/[serviceId]/templates": [
    { as: "member", slug: "templates", url: service("/templates"), h1: "Templates" },
    {
      as: "member",
      slug: "templates-folder",
      url: (seed) => `/services/${seed.serviceId}/templates?folder=${seed.folderId}`,
      h1: "Reminders",
    },
  ],
  "/services/[serviceId]/templates/new": [
    { as: "member", slug: "templates-new", url: service("/templates/new"), h1: "New template" },
    { as: "member", slug: "templates-new-email", url: service("/templates/new?type=email"), h1: "New email template" },
    {
      as: "member",
      slug: "templates-new-sms",
      url: service("/templates/new?type=sms"),
      h1: "New text message template",
    },
  ],
  "/services/[serviceId]/templates/copy": [
    { as: "member", slug: "templates-copy", url: service("/templates/copy"), h1: "Copy an existing template" },
  ],
  "/services/[serviceId]/templates/[templateId]": [
    {
      as: "member",
      slug: "template-email",
      url: (seed) => `/services/${seed.serviceId}/templates/${seed.emailTemplateId}`,
      h1: (seed) => seed.emailTemplateName,
    },
    {
      as: "member",
      slug: "template-sms",
      url: (seed) => `/services/${seed.serviceId}/templates/${seed.smsTemplateId}`,
      h1: (seed) => seed.smsTemplateName,
    },
  ],
  "/services/[serviceId]/templates/[templateId]/edit": [
    {
      as: "member",
      slug: "template-edit-email",
      url: (seed) => `/services/${seed.serviceId}/templates/${seed.emailTemplateId}/edit`,
      h1: (seed) => `Edit ‘${seed.emailTemplateName}’`,
    },
    {
      as: "member",
      slug: "template-edit-sms",
      url: (seed) => `/services/${seed.serviceId}/templates/${seed.smsTemplateId}/edit`,
      h1: (seed) => `Edit ‘${seed.smsTemplateName}’`,
    },
  ],
  "/services/[serviceId]/templates/[templateId]/versions": [
    {
      as: "member",
      slug: "template-versions",
      url: (seed) => `/services/${seed.serviceId}/templates/${seed.emailTemplateId}/versions`,
      h1: "Previous versions",
    },
  ],
  "/services/[serviceId]/send/[templateId]": [
    {
      as: "member",
      slug: "send-email",
      url: (seed) => `/services/${seed.serviceId}/send/${seed.emailTemplateId}`,
      h1: (seed) => `Send ‘${seed.emailTemplateName}’`,
    },
    {
      as: "member",
      slug: "send-sms",
      url: (seed) => `/services/${seed.serviceId}/send/${seed.smsTemplateId}`,
      h1: (seed) => `Send ‘${seed.smsTemplateName}’`,
    },
  ],
  "/services/[serviceId]/team": [{ as: "member", slug: "team", url: service("/team"), h1: "Team members" }],
  "/services/[serviceId]/team/invite": [
    { as: "member", slug: "team-invite", url: service("/team/invite"), h1: "Invite a team member" },
  ],
  "/services/[serviceId]/team/members/[userId]": [
    {
      as: "member",
      slug: "team-member",
      url: (seed) => `/services/${seed.serviceId}/team/members/${seed.colleagueId}`,
      h1: (seed) => seed.colleagueName,
    },
  ],
  "/services/[serviceId]/team/audit-log": [
    { as: "member", slug: "team-audit-log", url: service("/team/audit-log"), h1: "Audit log" },
  ],
  "/services/[serviceId]/settings": [{ as: "member", slug: "settings", url: service("/settings"), h1: "Settings" }],
  "/services/[serviceId]/settings/senders": [
    {
      as: "member",
      slug: "settings-senders",
      url: service("/settings/senders"),
      h1: "Reply-to addresses and text message senders",
    },
  ],
  "/services/[serviceId]/settings/go-live": [
    { as: "member", slug: "settings-go-live", url: service("/settings/go-live"), h1: "Request to go live" },
  ],
  "/services/[serviceId]/api": [{ as: "member", slug: "api-log", url: service("/api"), h1: "API integration" }],
  "/services/[serviceId]/api/keys": [
    { as: "member", slug: "api-keys", url: service("/api/keys"), h1: "API integration" },
  ],
  "/services/[serviceId]/api/keys/new": [
    { as: "member", slug: "api-keys-new", url: service("/api/keys/new"), h1: "API integration" },
  ],
  "/services/[serviceId]/api/guest-list": [
    { as: "member", slug: "api-guest-list", url: service("/api/guest-list"), h1: "API integration" },
  ],
  "/services/[serviceId]/api/callbacks": [
    { as: "member", slug: "api-callbacks", url: service("/api/callbacks"), h1: "API integration" },
  ],
  "/services/[serviceId]/api/callbacks/[callbackType]": [
    {
      as: "member",
      slug: "api-callback-delivery-status",
      url: service("/api/callbacks/delivery-status"),
      h1: "API integration",
    },
    {
      as: "member",
      slug: "api-callback-received-text-messages",
      url: service("/api/callbacks/received-text-messages"),
      h1: "API integration",
    },
  ],

  "/admin": [{ as: "platform-admin", slug: "admin", url: () => "/admin", h1: "Platform admin" }],
  "/admin/inbound-numbers": [
    { as: "platform-admin", slug: "admin-inbound-numbers", url: () => "/admin/inbound-numbers", h1: "Platform admin" },
  ],
};

/** The route of each page.tsx under app/: route groups such as (console) and slots such as @modal leave no segment. */
function routesInApp(): string[] {
  const appDir = path.join(process.cwd(), "app");
  const routes: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const leavesNoSegment = /^\(.+\)$/.test(entry.name) || entry.name.startsWith("@");
        walk(path.join(dir, entry.name), leavesNoSegment ? segments : [...segments, entry.name]);
      } else if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) {
        routes.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(appDir, []);
  return routes.sort();
}

test("every page in app/ has an accessibility check below", () => {
  const routes = routesInApp();
  expect(routes.length).toBeGreaterThan(0);
  const unmapped = routes.filter((route) => !PAGES[route]?.length);
  expect(
    unmapped,
    `Pages with no entry in PAGES in e2e/every-page.spec.ts, so never checked with axe: ${unmapped.join(", ")}`,
  ).toEqual([]);
  const stale = Object.keys(PAGES).filter((route) => !routes.includes(route));
  expect(stale, `Entries in PAGES with no page.tsx: ${stale.join(", ")}`).toEqual([]);
});

/**
 * A trial service where `member` has every permission, filled in so that lists and tables render rows
 * rather than their empty states: a colleague, email and text message templates (one in a folder, one
 * edited to a second version), an email sent from the console and one through the API, an API key, a
 * guest list entry, a text message sender, a number for receiving texts with its callback, and a
 * pending invitation.
 */
async function seed(member: TestUser): Promise<Seed> {
  const [
    { makeService, makeTemplate, makeUser, makeApiKey },
    { sendOneOff },
    { inviteTeamMember },
    { updateTemplate },
    { createTemplateFolder, moveTemplateToFolder },
    { addGuestListEntry },
    { addSmsSender },
    { setServiceCallback },
    { assignInboundNumber },
  ] = await Promise.all([
    import("../tests/support/factories"),
    import("@/lib/notifications/send-one-off"),
    import("@/lib/team/invite-team-member"),
    import("@/lib/templates/update-template"),
    import("@/lib/templates/folders"),
    import("@/lib/guest-list/add-guest-list-entry"),
    import("@/lib/senders/sms-senders"),
    import("@/lib/callbacks/callback-settings"),
    import("@/lib/services/inbound-numbers"),
  ]);
  const actor = { userId: member.id, isPlatformAdmin: false };
  const colleague = await makeUser({ name: "Cai Colleague" });
  const created = await makeService({
    name: `Every page ${Date.now()}`,
    members: [{ userId: member.id }, { userId: colleague.id, permissions: ["view_activity", "send_messages"] }],
  });
  const emailTemplate = await makeTemplate(created.id, { type: "email", name: "Repair booked" });
  const edited = await updateTemplate({
    actor,
    serviceId: created.id,
    templateId: emailTemplate.id,
    name: emailTemplate.name,
    subject: "Your repair, ((name))",
    content: "Dear ((name)),\n\nYour reference is ((reference)).",
  });
  const smsTemplate = await makeTemplate(created.id, { type: "sms", name: "Repair reminder" });
  const folder = await createTemplateFolder({ actor, serviceId: created.id, name: "Reminders" });
  await moveTemplateToFolder({ actor, serviceId: created.id, templateId: smsTemplate.id, folderId: folder.id });
  await addGuestListEntry({ actor, serviceId: created.id, recipient: "guest@example.com" });
  await addSmsSender({ actor, serviceId: created.id, sender: "REPAIRS" });
  await assignInboundNumber({
    actor: OPERATOR,
    serviceId: created.id,
    number: `+4477009${randomInt(10_000, 100_000)}`,
  });
  await setServiceCallback({
    actor,
    serviceId: created.id,
    callbackType: "inbound_sms",
    url: "https://example.gov/tidings/received-texts",
    bearerToken: "a-long-enough-bearer-token",
  });
  const notificationId = await sendOneOff({
    actor,
    serviceId: created.id,
    templateId: emailTemplate.id,
    form: {
      recipient: member.email,
      personalisation: { name: "Ellis", reference: "R-1234" },
      senderId: null,
    },
  });
  // Through the API too, so the API log has a request in it.
  const key = await makeApiKey(created.id, "test", "Housing system");
  const sent = await new NotifyClient(baseURL, key.key).sendEmail(emailTemplate.id, member.email, {
    personalisation: { name: "Ada", reference: "R-5678" },
    reference: "every-page",
  });
  expect(sent.status).toBe(201);
  const invitation = await inviteTeamMember({
    actor,
    serviceId: created.id,
    email: `newcomer-${Date.now()}@example.com`,
    permissions: ["send_messages"],
  });
  return {
    serviceId: created.id,
    serviceName: created.name,
    emailTemplateId: emailTemplate.id,
    emailTemplateName: edited.name,
    smsTemplateId: smsTemplate.id,
    smsTemplateName: smsTemplate.name,
    folderId: folder.id,
    notificationId,
    recipient: member.email,
    colleagueId: colleague.id,
    colleagueName: colleague.name,
    invitationPath: new URL(invitation.link).pathname,
  };
}

function visitsFor(who: Visitor) {
  return Object.entries(PAGES).flatMap(([route, visits]) =>
    visits.filter((visit) => visit.as === who).map((visit) => ({ route, ...visit })),
  );
}

async function checkEvery(page: Page, who: Visitor, data: Seed) {
  for (const visit of visitsFor(who)) {
    await test.step(`${visit.route} (${visit.slug})`, async () => {
      const url = visit.url(data);
      const response = await page.goto(url);
      expect(response, `no response for ${url}`).not.toBeNull();
      expect(response!.status(), `status of ${url}`).toBeLessThan(400);
      const h1 = typeof visit.h1 === "function" ? visit.h1(data) : visit.h1;
      const heading = page.getByRole("heading", { level: 1 });
      await expect(heading).toBeVisible();
      await expect(heading).toHaveText(h1);
      await expectAccessible(page);
      await snapshot(page, `every-page-${visit.slug}`);
    });
  }
}

/** Enters the password, leaving the browser where it asks for the code. */
async function enterPassword(page: Page, user: TestUser, codeHeading: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: codeHeading })).toBeVisible();
}

test("every page a signed-out or half-signed-in visitor can open passes axe", async ({ page, user }) => {
  const data = await seed(user);
  await checkEvery(page, "signed-out", data);

  await enterPassword(page, user, "Check your email");
  expect(await latestSignInCode(user.email)).toMatch(/^\d{6}$/);
  await checkEvery(page, "half-signed-in", data);

  await page.context().clearCookies();
  const { db } = await import("@/lib/db");
  // One of the simulated numbers (as Notify's), which are never sent to.
  await db.user.update({ where: { id: user.id }, data: { mobileNumber: "+447700900111", secondFactor: "sms" } });
  await enterPassword(page, user, "Check your phone");
  await checkEvery(page, "half-signed-in-by-text", data);
});

test("every page of a service passes axe for a member with every permission", async ({ page, user }) => {
  test.setTimeout(180_000);
  const data = await seed(user);
  await signIn(page, user);
  await checkEvery(page, "member", data);
});

test("every platform admin page passes axe", async ({ page, user, admin }) => {
  const data = await seed(user);
  await signIn(page, admin);
  await checkEvery(page, "platform-admin", data);
});
