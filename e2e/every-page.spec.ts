import { OPERATOR } from "@/lib/permissions";
// Every page in app/ is opened and checked with axe. The list of pages is read from the file system
// when the tests run, so a page added without an entry in PAGES below fails this spec.
import { randomInt, randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { NotifyClient } from "notifications-node-client";
import { baseURL, smsStandInPort } from "../playwright.config";
import { authorizationFor } from "../tests/support/api-token";
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
  validFileId: string;
  invalidFileId: string;
  jobId: string;
  jobName: string;
  contactListId: string;
  phoneNumberAwsId: string;
  listId: string;
  listName: string;
  importId: string;
  campaignId: string;
  campaignName: string;
  unsubscribePath: string;
  brandingId: string;
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
  "/services/[serviceId]/usage": [{ as: "member", slug: "usage", url: service("/usage"), h1: "Usage" }],
  "/admin/usage": [{ as: "platform-admin", slug: "admin-usage", url: () => "/admin/usage", h1: "Platform admin" }],
  "/admin/usage/by-month": [
    { as: "platform-admin", slug: "admin-usage-by-month", url: () => "/admin/usage/by-month", h1: "Platform admin" },
  ],
  "/admin/live-services": [
    { as: "platform-admin", slug: "admin-live-services", url: () => "/admin/live-services", h1: "Platform admin" },
  ],
  "/admin/branding": [
    { as: "platform-admin", slug: "admin-branding", url: () => "/admin/branding", h1: "Platform admin" },
  ],
  "/admin/branding/[brandingId]": [
    {
      as: "platform-admin",
      slug: "admin-branding-change",
      url: (seed) => `/admin/branding/${seed.brandingId}`,
      h1: "Platform admin",
    },
  ],
  "/services/[serviceId]/inbox": [
    { as: "member", slug: "inbox", url: service("/inbox"), h1: "Received text messages" },
    {
      as: "member",
      slug: "inbox-conversation",
      url: service("/inbox?number=%2B447700900123"),
      h1: "Conversation with +447700900123",
    },
  ],
  "/services/[serviceId]/notifications/[notificationId]": [
    {
      as: "member",
      slug: "notification",
      url: (seed) => `/services/${seed.serviceId}/notifications/${seed.notificationId}`,
      h1: (seed) => `Email to ${seed.recipient}`,
    },
  ],
  "/services/[serviceId]/phone-numbers": [
    { as: "member", slug: "service-phone-numbers", url: service("/phone-numbers"), h1: "Phone numbers" },
  ],
  "/services/[serviceId]/lists": [{ as: "member", slug: "lists", url: service("/lists"), h1: "Mailing lists" }],
  "/services/[serviceId]/lists/[listId]": [
    {
      as: "member",
      slug: "list",
      url: (seed) => `/services/${seed.serviceId}/lists/${seed.listId}`,
      h1: (seed) => seed.listName,
    },
  ],
  "/services/[serviceId]/lists/[listId]/imports/[importId]": [
    {
      as: "member",
      slug: "list-import",
      url: (seed) => `/services/${seed.serviceId}/lists/${seed.listId}/imports/${seed.importId}`,
      h1: "‘people.csv’ was imported",
    },
  ],
  "/services/[serviceId]/campaigns": [{ as: "member", slug: "campaigns", url: service("/campaigns"), h1: "Campaigns" }],
  "/services/[serviceId]/campaigns/new": [
    { as: "member", slug: "campaigns-new", url: service("/campaigns/new"), h1: "Create a campaign" },
  ],
  "/services/[serviceId]/campaigns/[campaignId]": [
    {
      as: "member",
      slug: "campaign",
      url: (seed) => `/services/${seed.serviceId}/campaigns/${seed.campaignId}`,
      h1: (seed) => seed.campaignName,
    },
  ],
  "/services/[serviceId]/campaigns/[campaignId]/preview": [
    {
      as: "member",
      slug: "campaign-preview",
      url: (seed) => `/services/${seed.serviceId}/campaigns/${seed.campaignId}/preview`,
      h1: "Preview",
    },
  ],
  "/unsubscribe/[token]": [
    {
      as: "signed-out",
      slug: "unsubscribe",
      url: (seed) => seed.unsubscribePath,
      h1: (seed) => `Unsubscribe from ${seed.listName}`,
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
  "/services/[serviceId]/send/[templateId]/upload": [
    {
      as: "member",
      slug: "upload-recipients",
      url: (seed) => `/services/${seed.serviceId}/send/${seed.emailTemplateId}/upload`,
      h1: "Upload a list of recipients",
    },
  ],
  "/services/[serviceId]/uploads": [{ as: "member", slug: "uploads", url: service("/uploads"), h1: "Uploads" }],
  "/services/[serviceId]/uploads/[fileId]": [
    {
      as: "member",
      slug: "upload-ready",
      url: (seed) => `/services/${seed.serviceId}/uploads/${seed.validFileId}`,
      h1: "‘people.csv’ is ready to send",
    },
    {
      as: "member",
      slug: "upload-errors",
      url: (seed) => `/services/${seed.serviceId}/uploads/${seed.invalidFileId}`,
      h1: "There is a problem with ‘people.csv’",
    },
  ],
  "/services/[serviceId]/jobs/[jobId]": [
    {
      as: "member",
      slug: "job",
      url: (seed) => `/services/${seed.serviceId}/jobs/${seed.jobId}`,
      h1: (seed) => seed.jobName,
    },
  ],
  "/services/[serviceId]/contact-lists": [
    { as: "member", slug: "contact-lists", url: service("/contact-lists"), h1: "Contact lists" },
  ],
  "/services/[serviceId]/contact-lists/[contactListId]": [
    {
      as: "member",
      slug: "contact-list",
      url: (seed) => `/services/${seed.serviceId}/contact-lists/${seed.contactListId}`,
      h1: "Tenants",
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
  "/services/[serviceId]/settings/all": [
    { as: "member", slug: "settings-all", url: service("/settings/all"), h1: "All settings" },
  ],
  "/services/[serviceId]/settings/change/[section]": [
    {
      as: "member",
      slug: "settings-change-retention",
      url: service("/settings/change/retention"),
      h1: "Data retention",
    },
    {
      as: "platform-admin",
      slug: "settings-change-limits",
      url: service("/settings/change/limits"),
      h1: "Sending limits",
    },
  ],
  "/services/[serviceId]/settings/email-branding": [
    { as: "member", slug: "settings-email-branding", url: service("/settings/email-branding"), h1: "Email branding" },
    {
      as: "platform-admin",
      slug: "settings-email-branding-admin",
      url: service("/settings/email-branding"),
      h1: "Email branding",
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
  "/admin/scheduled-jobs": [
    { as: "platform-admin", slug: "admin-scheduled-jobs", url: () => "/admin/scheduled-jobs", h1: "Platform admin" },
  ],
  "/admin/phone-numbers": [
    { as: "platform-admin", slug: "admin-phone-numbers", url: () => "/admin/phone-numbers", h1: "Platform admin" },
  ],
  "/admin/phone-numbers/request": [
    {
      as: "platform-admin",
      slug: "admin-phone-numbers-request",
      url: () => "/admin/phone-numbers/request",
      h1: "Platform admin",
    },
    {
      as: "platform-admin",
      slug: "admin-phone-numbers-request-confirm",
      url: () => "/admin/phone-numbers/request?step=confirm&country=US&numberType=TOLL_FREE&capabilities=SMS",
      h1: "Platform admin",
    },
  ],
  "/admin/phone-numbers/registrations": [
    {
      as: "platform-admin",
      slug: "admin-phone-numbers-registrations",
      url: () => "/admin/phone-numbers/registrations",
      h1: "Platform admin",
    },
  ],
  "/admin/phone-numbers/[awsId]": [
    {
      as: "platform-admin",
      slug: "admin-phone-number",
      url: (seed) => `/admin/phone-numbers/${seed.phoneNumberAwsId}?release=1`,
      h1: "Platform admin",
    },
    {
      as: "platform-admin",
      slug: "admin-phone-number-protection",
      url: (seed) => `/admin/phone-numbers/${seed.phoneNumberAwsId}?protection=1`,
      h1: "Platform admin",
    },
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
    { createMailingList },
    { addSubscriber },
    { createSegment },
    { createCampaign },
    { signUnsubscribeToken },
    { createEmailBranding, setServiceEmailBranding },
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
    import("@/lib/mailing-lists/create-mailing-list"),
    import("@/lib/mailing-lists/add-subscriber"),
    import("@/lib/mailing-lists/segments"),
    import("@/lib/campaigns/create-campaign"),
    import("@/lib/mailing-lists/unsubscribe-token"),
    import("@/lib/branding/manage-branding"),
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
  // Email branding (without a logo: the logo's upload is exercised in e2e/email-branding.spec.ts).
  const brandingId = await createEmailBranding({
    actor: OPERATOR,
    name: `Every page branding ${Date.now()}`,
    colour: "#1d70b8",
    logo: null,
  });
  await setServiceEmailBranding({ actor: OPERATOR, serviceId: created.id, brandingId });
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
  // A job through the bulk API (its file is stored by the server), and two checked uploads seeded as the check leaves them.
  const bulk = await fetch(`${baseURL}/v2/notifications/bulk`, {
    method: "POST",
    headers: { Authorization: authorizationFor(key.key), "Content-Type": "application/json" },
    body: JSON.stringify({
      name: "October reminders",
      template_id: emailTemplate.id,
      rows: [
        ["email address", "name", "reference"],
        [member.email, "Ada", "R-1"],
      ],
    }),
  });
  expect(bulk.status).toBe(201);
  const jobId = ((await bulk.json()) as { data: { id: string } }).data.id;
  const { db } = await import("@/lib/db");
  const checkedFile = (status: "valid" | "invalid") =>
    db.recipientFile.create({
      data: {
        serviceId: created.id,
        templateId: emailTemplate.id,
        type: "email",
        bucket: "uploads",
        objectKey: `service-${created.id}/seeded-${status}.csv`,
        originalName: "people.csv",
        sizeBytes: 100,
        status,
        rowsChecked: 2,
        rowCount: 2,
        columns: ["email address", "name", "reference"],
        recipientColumn: "email address",
        fileErrors: [],
        errorRowCount: status === "invalid" ? 1 : 0,
        rowErrors:
          status === "invalid"
            ? [
                {
                  rowNumber: 3,
                  cells: ["not-an-email", "Bo", "R-2"],
                  cellErrors: ["Not a valid email address", null, null],
                  rowError: null,
                },
              ]
            : [],
        previewRows: [{ rowNumber: 2, cells: [member.email, "Ada", "R-1"] }],
        checkedAt: new Date(),
      },
    });
  const [validFile, invalidFile] = [await checkedFile("valid"), await checkedFile("invalid")];
  const listFile = await checkedFile("valid");
  const contactList = await db.contactList.create({
    data: { serviceId: created.id, name: "Tenants", fileId: listFile.id, createdById: member.id },
  });
  const invitation = await inviteTeamMember({
    actor,
    serviceId: created.id,
    email: `newcomer-${Date.now()}@example.com`,
    permissions: ["send_messages"],
  });
  const list = await createMailingList({ actor, serviceId: created.id, name: "Newsletter" });
  await addSubscriber({
    actor,
    serviceId: created.id,
    listId: list.id,
    subscriber: { email: "reader@example.com", name: "Rae Reader", attributes: { area: "North" } },
  });
  const segment = await createSegment({
    actor,
    serviceId: created.id,
    listId: list.id,
    segment: { name: "The north", conditions: [{ field: "area", operator: "equals", value: "North" }] },
  });
  const campaign = await createCampaign({
    actor,
    serviceId: created.id,
    campaign: {
      name: "Spring newsletter",
      templateId: emailTemplate.id,
      audiences: [{ listId: list.id, segmentId: segment.id }],
      fallbacks: { reference: "none" },
    },
  });
  const reader = await db.subscriber.findFirstOrThrow({ where: { listId: list.id } });
  const finishedImport = await db.subscriberImport.create({
    data: {
      serviceId: created.id,
      listId: list.id,
      bucket: "uploads",
      objectKey: `service-${created.id}/seeded-import.csv`,
      originalName: "people.csv",
      sizeBytes: 100,
      status: "done",
      bytesRead: 100,
      rowsRead: 3,
      added: 1,
      updated: 1,
      invalidRows: [{ row: 4, message: "Not a valid email address" }],
      invalidCount: 1,
      createdById: member.id,
      finishedAt: new Date(),
    },
  });
  return {
    listId: list.id,
    importId: finishedImport.id,
    listName: "Newsletter",
    campaignId: campaign.id,
    campaignName: "Spring newsletter",
    unsubscribePath: `/unsubscribe/${signUnsubscribeToken({ subscriberId: reader.id, listId: list.id, campaignId: campaign.id })}`,
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
    validFileId: validFile.id,
    invalidFileId: invalidFile.id,
    jobId,
    jobName: "October reminders",
    contactListId: contactList.id,
    phoneNumberAwsId: await phoneNumberFor(created.id),
    brandingId,
  };
}

/**
 * A simulator number from npm start's End User Messaging SMS stand-in, given to the service as its
 * inbound number, and a text to it that opted its sender out, so its pages list both.
 */
async function phoneNumberFor(serviceId: string): Promise<string> {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SMS: `http://127.0.0.1:${smsStandInPort}`,
    AWS_ACCESS_KEY_ID: "stand-in",
    AWS_SECRET_ACCESS_KEY: "stand-in",
    SMS_INBOUND_TOPIC_ARN: "arn:aws:sns:us-east-1:111122223333:tidings-inbound-sms",
  });
  const [{ resetConfig }, { requestPhoneNumber }, { assignPhoneNumber }, { db }, { suppressRecipient }] =
    await Promise.all([
      import("@/lib/config"),
      import("@/lib/phone-numbers/request-phone-number"),
      import("@/lib/phone-numbers/assign-phone-number"),
      import("@/lib/db"),
      import("@/lib/suppression/suppression-list"),
    ]);
  resetConfig();
  const requested = await requestPhoneNumber({
    actor: OPERATOR,
    country: "US",
    numberType: "SIMULATOR",
    capabilities: ["SMS"],
    messageType: "TRANSACTIONAL",
    deletionProtection: false,
    twoWay: false,
    clientToken: randomUUID(),
  });
  await assignPhoneNumber({ actor: OPERATOR, serviceId, awsId: requested.awsId, asSender: false, asInbound: true });
  await suppressRecipient(db, { serviceId, type: "sms", recipient: "+14254147755", reason: "opt_out" });
  return requested.awsId;
}

function visitsFor(who: Visitor) {
  return Object.entries(PAGES).flatMap(([route, visits]) =>
    visits.filter((visit) => visit.as === who).map((visit) => ({ route, ...visit })),
  );
}

/** Headers every page must carry (lib/http/security-headers.ts), with what their value must say. */
const SECURITY_HEADERS: Record<string, RegExp> = {
  "content-security-policy": /frame-ancestors 'none'/,
  "x-content-type-options": /^nosniff$/,
  "x-frame-options": /^DENY$/,
  "referrer-policy": /^(strict-origin-when-cross-origin|same-origin|no-referrer|strict-origin)$/,
  "permissions-policy": /camera=\(\)/,
};

function expectSecurityHeaders(headers: Record<string, string>, url: string) {
  for (const [name, pattern] of Object.entries(SECURITY_HEADERS))
    expect(headers[name], `${name} of ${url}`).toMatch(pattern);
  const scripts = /script-src ([^;]*)/.exec(headers["content-security-policy"]!)![1]!;
  expect(scripts, `script-src of ${url}`).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scripts, `script-src of ${url}`).not.toContain("unsafe-inline");
}

/** Every Content-Security-Policy violation the page reports, recorded from before its first script. */
async function recordCspViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`),
    );
  });
}

const cspViolations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);

async function checkEvery(page: Page, who: Visitor, data: Seed) {
  await recordCspViolations(page);
  for (const visit of visitsFor(who)) {
    await test.step(`${visit.route} (${visit.slug})`, async () => {
      const url = visit.url(data);
      const response = await page.goto(url);
      expect(response, `no response for ${url}`).not.toBeNull();
      expect(response!.status(), `status of ${url}`).toBeLessThan(400);
      expectSecurityHeaders(response!.headers(), url);
      const h1 = typeof visit.h1 === "function" ? visit.h1(data) : visit.h1;
      const heading = page.getByRole("heading", { level: 1 });
      await expect(heading).toBeVisible();
      await expect(heading).toHaveText(h1);
      await expectAccessible(page);
      // Every script has run by the load event (the axe check above has waited for more).
      await page.waitForLoadState("load");
      expect(await cspViolations(page), `Content-Security-Policy violations on ${url}`).toEqual([]);
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
  // Three sign-ins and a dozen pages, each checked with axe: more than the default minute on a busy machine.
  test.setTimeout(120_000);
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

// Each page is loaded, checked with axe and photographed: the time allowed grows with the pages.
const timeFor = (who: Visitor) => 60_000 + visitsFor(who).length * 10_000;

test("every page of a service passes axe for a member with every permission", async ({ page, user }) => {
  test.setTimeout(timeFor("member"));
  const data = await seed(user);
  await signIn(page, user);
  await checkEvery(page, "member", data);
});

test("every platform admin page passes axe", async ({ page, user, admin }) => {
  test.setTimeout(timeFor("platform-admin"));
  const data = await seed(user);
  await signIn(page, admin);
  await checkEvery(page, "platform-admin", data);
});
