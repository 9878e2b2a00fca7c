import {
  errorSummary,
  expect,
  expectAccessible,
  latestSignInCode,
  PASSWORD,
  signIn,
  snapshot,
  test,
  type TestUser,
} from "./support/fixtures";

async function seedService(
  managerId: string,
  others: {
    userId: string;
    permissions: ("manage_team" | "send_messages" | "view_activity" | "manage_api_keys")[];
  }[] = [],
) {
  const { makeService } = await import("../tests/support/factories");
  return makeService({ name: `Housing repairs ${Date.now()}`, members: [{ userId: managerId }, ...others] });
}

async function makeColleague(name: string) {
  const { makeUser } = await import("../tests/support/factories");
  return makeUser({ name, email: `colleague-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com` });
}

const serviceNav = (page: import("@playwright/test").Page) => page.getByRole("navigation", { name: "Service" });

test("a team manager invites someone, who creates an account from the link and joins", async ({
  page,
  browser,
  user,
}) => {
  const service = await seedService(user.id);
  await signIn(page, user);
  await page.goto(`/services/${service.id}`);
  await serviceNav(page).getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Team members" })).toBeVisible();
  await expect(page.getByText("No one is waiting to join. Invite a team member")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "team");

  await page.getByRole("link", { name: "Invite a team member" }).click();
  await page.getByLabel("Email address").fill("not an email");
  await page.getByRole("checkbox", { name: "Send messages" }).check();
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect(errorSummary(page)).toContainText("Enter an email address in the correct format");
  await expect(page.getByLabel("Email address")).toHaveValue("not an email");
  await expect(page.getByRole("checkbox", { name: "Send messages" })).toBeChecked();
  await expectAccessible(page);
  await snapshot(page, "team-invite-error");

  const email = `new-starter-${Date.now()}@example.com`;
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("checkbox", { name: "See dashboard and activity" }).check();
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect(page.getByRole("heading", { name: `Invitation created for ${email}` })).toBeVisible();
  const link = (await page.locator("#invitation-link").textContent())!.trim();
  expect(link).toMatch(/\/invitation\/[A-Za-z0-9_-]{43}$/);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy the link" }).click();
  await expect(page.getByText("Copied to clipboard")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(page.getByLabel("Email address")).toHaveValue("");
  await expectAccessible(page);
  await snapshot(page, "team-invite-link");

  await page.getByRole("link", { name: "Back to team members" }).click();
  await expect(page.getByRole("list", { name: "Invitations waiting to be accepted" })).toContainText(email);

  // The invited person, in a browser of their own.
  const invited = await browser.newContext();
  const invitedPage = await invited.newPage();
  await invitedPage.goto(new URL(link).pathname);
  await expect(invitedPage.getByRole("heading", { level: 1, name: `Join ${service.name}` })).toBeVisible();
  await expect(invitedPage.getByText(email)).toBeVisible();
  await invitedPage.getByLabel("Full name").fill("Nia New");
  await invitedPage.getByLabel("Password").fill("short");
  await invitedPage.getByRole("button", { name: "Create account and join" }).click();
  await expect(errorSummary(invitedPage)).toContainText("Password must be at least 10 characters");
  await expect(invitedPage.getByLabel("Full name")).toHaveValue("Nia New");
  await expect(invitedPage.getByLabel("Password")).toHaveValue("");
  await expectAccessible(invitedPage);
  await snapshot(invitedPage, "invitation-new-account-error");

  await invitedPage.getByLabel("Password").fill(PASSWORD);
  await invitedPage.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitedPage.getByText("Your account is ready and you have joined the service.")).toBeVisible();
  await invitedPage.getByLabel("Email address").fill(email);
  await invitedPage.getByLabel("Password").fill(PASSWORD);
  await invitedPage.getByRole("button", { name: "Continue" }).click();
  await expect(invitedPage.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await invitedPage.getByLabel("Sign-in code").fill(await latestSignInCode(email));
  await invitedPage.getByRole("button", { name: "Continue" }).click();
  await expect(invitedPage).toHaveURL(new RegExp(`/services/${service.id}$`));
  await expect(invitedPage.getByText(service.name).first()).toBeVisible();
  await expect(serviceNav(invitedPage).getByRole("link", { name: "Team" })).toBeVisible();
  await expect(serviceNav(invitedPage).getByRole("link", { name: "API integration" })).toHaveCount(0);

  // The link is used up.
  await invitedPage.goto(new URL(link).pathname);
  await expect(invitedPage.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
  await expectAccessible(invitedPage);
  await invited.close();

  await page.reload();
  await expect(page.getByRole("list", { name: "Team members" })).toContainText("Nia New");
  await expect(page.getByRole("list", { name: "Team members" })).toContainText(
    "See dashboard and activity, Send messages",
  );
});

test("a team manager cancels an invitation, changes permissions and removes a member, all in the audit log", async ({
  page,
  user,
}) => {
  const colleague = await makeColleague("Cai Colleague");
  const service = await seedService(user.id, [{ userId: colleague.id, permissions: ["view_activity"] }]);
  const { inviteTeamMember } = await import("@/lib/team/invite-team-member");
  const invitation = await inviteTeamMember({
    actor: { userId: user.id, isPlatformAdmin: false },
    serviceId: service.id,
    email: "maybe.later@example.com",
    permissions: [],
  });
  await signIn(page, user);
  await page.goto(`/services/${service.id}/team`);

  await page.getByRole("link", { name: "Cancel invitation to maybe.later@example.com" }).click();
  await expect(page.getByRole("heading", { name: "Cancel the invitation to maybe.later@example.com?" })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "team-cancel-invitation");
  await page.getByRole("button", { name: "Yes, cancel the invitation" }).click();
  await expect(page.getByText("The invitation was cancelled.")).toBeVisible();
  await expect(page.getByText("No one is waiting to join.")).toBeVisible();

  await page.getByRole("link", { name: "Change details for Cai Colleague" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cai Colleague" })).toBeVisible();
  await page.getByRole("checkbox", { name: "Add and edit templates" }).check();
  await page.getByRole("button", { name: "Save permissions" }).click();
  await expect(page.getByText("Permissions saved.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Team members" })).toContainText(
    "See dashboard and activity, Add and edit templates",
  );

  // You cannot take the team's only manager away.
  await page.getByRole("link", { name: `Change details for ${user.name}` }).click();
  await expect(
    page.getByText("You are the only team member who can manage the team, so you cannot leave."),
  ).toBeVisible();
  await page.getByRole("checkbox", { name: "Manage team members" }).uncheck();
  await page.getByRole("button", { name: "Save permissions" }).click();
  await expect(errorSummary(page)).toContainText("At least one team member must be able to manage the team");
  await expect(page.getByRole("checkbox", { name: "Manage team members" })).not.toBeChecked();
  await expectAccessible(page);
  await snapshot(page, "team-member-error");

  await page.getByRole("link", { name: "Back to team members" }).click();
  await page.getByRole("link", { name: "Change details for Cai Colleague" }).click();
  await page.getByRole("link", { name: "Remove Cai Colleague from the team" }).click();
  await expect(page.getByRole("heading", { name: "Remove Cai Colleague from the team?" })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "team-remove-member");
  await page.getByRole("button", { name: "Yes, remove them" }).click();
  await expect(page.getByText("The team member was removed.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Team members" })).not.toContainText("Cai Colleague");

  await page.getByRole("link", { name: "See the audit log" }).click();
  const log = page.getByRole("table", { name: "Changes to this service, newest first" });
  await expect(log.getByRole("row").nth(1)).toContainText(`Removed ${colleague.email} from the team`);
  await expect(log).toContainText(
    `Changed the permissions of ${colleague.email} from See dashboard and activity to See dashboard and activity, Add and edit templates`,
  );
  await expect(log).toContainText("Cancelled the invitation to maybe.later@example.com");
  await expect(log).toContainText(user.name);
  await expectAccessible(page);
  await snapshot(page, "team-audit-log");
  expect(invitation.id).toBeTruthy();
});

test("a signed-in user accepts an invitation to their address; expired and mistyped links explain themselves", async ({
  page,
  user,
}) => {
  const manager = await makeColleague("Mo Manager");
  const service = await seedService(manager.id);
  const [{ inviteTeamMember }, { db }] = await Promise.all([
    import("@/lib/team/invite-team-member"),
    import("@/lib/db"),
  ]);
  const invitation = await inviteTeamMember({
    actor: { userId: manager.id, isPlatformAdmin: false },
    serviceId: service.id,
    email: user.email,
    permissions: ["send_messages"],
  });
  await signIn(page, user);
  await page.goto(new URL(invitation.link).pathname);
  await expect(page.getByText(`Mo Manager has invited you to join ${service.name} on Tidings.`)).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "invitation-accept");
  await page.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(page).toHaveURL(new RegExp(`/services/${service.id}$`));
  await expect(serviceNav(page).getByRole("link", { name: "Team" })).toBeVisible();

  const expired = await inviteTeamMember({
    actor: { userId: manager.id, isPlatformAdmin: false },
    serviceId: service.id,
    email: "too.late@example.com",
    permissions: [],
  });
  await db.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
  await page.goto(new URL(expired.link).pathname);
  await expect(page.getByRole("heading", { name: "This invitation has expired" })).toBeVisible();
  await expect(page.getByText("Ask Mo Manager to invite you")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "invitation-expired");

  await page.goto("/invitation/not-the-whole-link");
  await expect(page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
});

test("a member who cannot manage the team sees it but cannot change it, even with a page opened earlier", async ({
  page,
  user,
}) => {
  const viewer: TestUser = { ...(await makeColleague("Val Viewer")), password: PASSWORD };
  const service = await seedService(user.id, [{ userId: viewer.id, permissions: ["view_activity"] }]);
  await signIn(page, viewer);
  await page.goto(`/services/${service.id}/team`);
  await expect(page.getByRole("list", { name: "Team members" })).toContainText(user.name);
  await expect(page.getByRole("link", { name: "Invite a team member" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Change details/ })).toHaveCount(0);
  expect((await page.goto(`/services/${service.id}/team/invite`))?.status()).toBe(403);
  expect((await page.goto(`/services/${service.id}/team/members/${user.id}`))?.status()).toBe(403);

  // A manager's page stays open after they lose the permission: the action itself refuses.
  const { db } = await import("@/lib/db");
  await db.serviceMember.update({
    where: { serviceId_userId: { serviceId: service.id, userId: viewer.id } },
    data: { permissions: ["manage_team"] },
  });
  await page.goto(`/services/${service.id}/team/invite`);
  await db.serviceMember.update({
    where: { serviceId_userId: { serviceId: service.id, userId: viewer.id } },
    data: { permissions: ["view_activity"] },
  });
  await page.getByLabel("Email address").fill("sneaky@example.com");
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect(page.getByRole("heading", { name: "You do not have permission to see this page" })).toBeVisible();
  expect(await db.invitation.count({ where: { serviceId: service.id } })).toBe(0);
});
