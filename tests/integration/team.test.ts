import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { describeAuditEvent } from "@/lib/audit/describe-audit-event";
import { listServiceAuditEvents } from "@/lib/audit/service-audit-log";
import { hashToken } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { acceptInvitation, acceptInvitationWithNewAccount } from "@/lib/team/accept-invitation";
import { cancelInvitation } from "@/lib/team/cancel-invitation";
import { changeMemberPermissions } from "@/lib/team/change-member-permissions";
import { findInvitation } from "@/lib/team/find-invitation";
import { inviteTeamMember } from "@/lib/team/invite-team-member";
import { listTeam } from "@/lib/team/queries";
import { removeTeamMember } from "@/lib/team/remove-team-member";
import { makeService, makeUser } from "../support/factories";

const actor = (user: { id: string; isPlatformAdmin: boolean }) => ({
  userId: user.id,
  isPlatformAdmin: user.isPlatformAdmin,
});
const tokenOf = (link: string) => link.split("/invitation/")[1]!;

async function serviceWithManager() {
  const manager = await makeUser({ name: "Morgan Manager" });
  const service = await makeService({ members: [{ userId: manager.id }] });
  return { manager, service };
}

describe("inviting a team member", () => {
  it("stores only the token's hash, expires after two days, and lists the invitation as pending", async () => {
    const { manager, service } = await serviceWithManager();
    const before = Date.now();
    const invitation = await inviteTeamMember({
      actor: actor(manager),
      serviceId: service.id,
      email: " New.Person@Example.com ",
      permissions: ["send_messages", "view_activity", "send_messages"],
    });
    expect(invitation.link).toMatch(/\/invitation\/[A-Za-z0-9_-]{43}$/);
    const stored = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored).toMatchObject({
      email: "new.person@example.com",
      permissions: ["send_messages", "view_activity"],
      invitedById: manager.id,
      tokenHash: hashToken(tokenOf(invitation.link)),
    });
    expect(JSON.stringify(stored)).not.toContain(tokenOf(invitation.link));
    expect(stored.expiresAt.getTime() - before).toBeGreaterThanOrEqual(2 * 86_400_000 - 1000);
    expect(stored.expiresAt.getTime() - before).toBeLessThanOrEqual(2 * 86_400_000 + 5000);
    expect((await listTeam(service.id)).invitations).toEqual([
      expect.objectContaining({ id: invitation.id, email: "new.person@example.com" }),
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { serviceId: service.id, action: "team.member_invited" },
    });
    expect(audit).toMatchObject({
      userId: manager.id,
      details: { email: "new.person@example.com", permissions: ["send_messages", "view_activity"] },
    });
    expect(JSON.stringify(audit)).not.toContain(tokenOf(invitation.link));
  });

  it("explains a wrong address or permission beside the field, and refuses someone already on the team", async () => {
    const { manager, service } = await serviceWithManager();
    await expect(
      inviteTeamMember({ actor: actor(manager), serviceId: service.id, email: "not an email", permissions: [] }),
    ).rejects.toMatchObject({ code: "validation", fieldErrors: { email: expect.stringMatching(/correct format/) } });
    await expect(
      inviteTeamMember({
        actor: actor(manager),
        serviceId: service.id,
        email: "a@example.com",
        permissions: ["be_king" as never],
      }),
    ).rejects.toMatchObject({ fieldErrors: { "permissions.0": "Choose permissions from the list" } });
    await expect(
      inviteTeamMember({ actor: actor(manager), serviceId: service.id, email: manager.email, permissions: [] }),
    ).rejects.toMatchObject({ code: "conflict", fieldErrors: { email: expect.stringMatching(/already a member/) } });
  });

  it("replaces a pending invitation to the same address, so only the newest link works", async () => {
    const { manager, service } = await serviceWithManager();
    const first = await inviteTeamMember({
      actor: actor(manager),
      serviceId: service.id,
      email: "twice@example.com",
      permissions: [],
    });
    const second = await inviteTeamMember({
      actor: actor(manager),
      serviceId: service.id,
      email: "twice@example.com",
      permissions: ["send_messages"],
    });
    expect((await findInvitation(tokenOf(first.link)))?.state).toBe("cancelled");
    expect((await findInvitation(tokenOf(second.link)))?.state).toBe("pending");
  });

  it("needs 'manage team' in that very service", async () => {
    const { service } = await serviceWithManager();
    const sender = await makeUser();
    await db.serviceMember.create({
      data: { serviceId: service.id, userId: sender.id, permissions: ["send_messages"] },
    });
    await expect(
      inviteTeamMember({ actor: actor(sender), serviceId: service.id, email: "x@example.com", permissions: [] }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const { manager: otherManager } = await serviceWithManager();
    await expect(
      inviteTeamMember({ actor: actor(otherManager), serviceId: service.id, email: "x@example.com", permissions: [] }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await db.invitation.count({ where: { serviceId: service.id } })).toBe(0);
  });
});

describe("accepting an invitation", () => {
  it("lets a signed-in user with the invited address join with the chosen permissions, once", async () => {
    const { manager, service } = await serviceWithManager();
    const invitee = await makeUser({ email: `invitee-${Date.now()}@example.com` });
    const { link } = await inviteTeamMember({
      actor: actor(manager),
      serviceId: service.id,
      email: invitee.email.toUpperCase(),
      permissions: ["send_messages"],
    });
    expect(await findInvitation(tokenOf(link))).toMatchObject({
      state: "pending",
      serviceName: service.name,
      invitedByName: "Morgan Manager",
      accountExists: true,
    });

    await expect(acceptInvitation(tokenOf(link), { userId: invitee.id, email: invitee.email })).resolves.toEqual({
      serviceId: service.id,
    });
    const member = await db.serviceMember.findUniqueOrThrow({
      where: { serviceId_userId: { serviceId: service.id, userId: invitee.id } },
    });
    expect(member.permissions).toEqual(["send_messages"]);
    expect((await findInvitation(tokenOf(link)))?.state).toBe("accepted");
    await expect(acceptInvitation(tokenOf(link), { userId: invitee.id, email: invitee.email })).rejects.toMatchObject({
      message: expect.stringMatching(/already been used/),
    });
    expect(
      await db.auditEvent.count({
        where: { serviceId: service.id, action: "team.invitation_accepted", userId: invitee.id },
      }),
    ).toBe(1);
  });

  it("refuses someone signed in with another address, and leaves the invitation usable", async () => {
    const { manager, service } = await serviceWithManager();
    const stranger = await makeUser();
    const { link } = await inviteTeamMember({
      actor: actor(manager),
      serviceId: service.id,
      email: "intended@example.com",
      permissions: [],
    });
    await expect(acceptInvitation(tokenOf(link), { userId: stranger.id, email: stranger.email })).rejects.toMatchObject(
      { code: "forbidden", message: expect.stringMatching(/sent to intended@example.com/) },
    );
    expect(await db.serviceMember.count({ where: { serviceId: service.id, userId: stranger.id } })).toBe(0);
    expect((await findInvitation(tokenOf(link)))?.state).toBe("pending");
  });

  it("creates an account for a new person with the password rules, then makes them a member", async () => {
    const { manager, service } = await serviceWithManager();
    const { link } = await inviteTeamMember({
      actor: actor(manager),
      serviceId: service.id,
      email: "brand.new@example.com",
      permissions: ["view_activity"],
    });
    expect((await findInvitation(tokenOf(link)))?.accountExists).toBe(false);
    await expect(acceptInvitationWithNewAccount(tokenOf(link), { name: "", password: "short" })).rejects.toMatchObject({
      fieldErrors: { name: "Enter a name", password: "Password must be at least 10 characters" },
    });
    // A typo does not use the invitation up.
    expect((await findInvitation(tokenOf(link)))?.state).toBe("pending");

    await expect(
      acceptInvitationWithNewAccount(tokenOf(link), { name: "Brand New", password: "a long enough password" }),
    ).resolves.toEqual({ serviceId: service.id, email: "brand.new@example.com" });
    const user = await db.user.findUniqueOrThrow({
      where: { email: "brand.new@example.com" },
      include: { memberships: true },
    });
    expect(user.name).toBe("Brand New");
    expect(await verifyPassword("a long enough password", user.passwordHash)).toBe(true);
    expect(user.memberships).toEqual([
      expect.objectContaining({ serviceId: service.id, permissions: ["view_activity"] }),
    ]);
    await expect(
      acceptInvitationWithNewAccount(tokenOf(link), { name: "Again", password: "a long enough password" }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/already been used/) });
  });

  it("sends someone who already has an account to sign in instead, keeping the invitation", async () => {
    const { manager, service } = await serviceWithManager();
    const existing = await makeUser();
    const { link } = await inviteTeamMember({
      actor: actor(manager),
      serviceId: service.id,
      email: existing.email,
      permissions: [],
    });
    await expect(
      acceptInvitationWithNewAccount(tokenOf(link), { name: "Impostor", password: "a long enough password" }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/Sign in/) });
    expect((await findInvitation(tokenOf(link)))?.state).toBe("pending");
  });

  it("explains expired, cancelled and unknown links, and none of them let anyone join", async () => {
    const { manager, service } = await serviceWithManager();
    const invitee = await makeUser();
    const expired = await inviteTeamMember({
      actor: actor(manager),
      serviceId: service.id,
      email: invitee.email,
      permissions: [],
    });
    await db.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await findInvitation(tokenOf(expired.link)))?.state).toBe("expired");
    await expect(
      acceptInvitation(tokenOf(expired.link), { userId: invitee.id, email: invitee.email }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/expired/) });

    const cancelled = await inviteTeamMember({
      actor: actor(manager),
      serviceId: service.id,
      email: "cancel.me@example.com",
      permissions: [],
    });
    await cancelInvitation({ actor: actor(manager), serviceId: service.id, invitationId: cancelled.id });
    expect((await findInvitation(tokenOf(cancelled.link)))?.state).toBe("cancelled");
    expect((await listTeam(service.id)).invitations).toEqual([]);
    await expect(
      acceptInvitationWithNewAccount(tokenOf(cancelled.link), { name: "Late", password: "a long enough password" }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/cancelled/) });

    expect(await findInvitation("no-such-token")).toBeNull();
    await expect(acceptInvitation("no-such-token", { userId: invitee.id, email: invitee.email })).rejects.toMatchObject(
      { message: expect.stringMatching(/not valid/) },
    );
    expect(await db.serviceMember.count({ where: { serviceId: service.id } })).toBe(1);
  });

  it("cancelling needs 'manage team' and an invitation of that service", async () => {
    const { manager, service } = await serviceWithManager();
    const { manager: otherManager, service: otherService } = await serviceWithManager();
    const invitation = await inviteTeamMember({
      actor: actor(manager),
      serviceId: service.id,
      email: "keep@example.com",
      permissions: [],
    });
    await expect(
      cancelInvitation({ actor: actor(otherManager), serviceId: otherService.id, invitationId: invitation.id }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      cancelInvitation({ actor: actor(otherManager), serviceId: service.id, invitationId: invitation.id }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await findInvitation(tokenOf(invitation.link)))?.state).toBe("pending");
  });
});

describe("changing and removing members", () => {
  it("changes a member's permissions and records before and after", async () => {
    const { manager, service } = await serviceWithManager();
    const member = await makeUser();
    await db.serviceMember.create({
      data: { serviceId: service.id, userId: member.id, permissions: ["view_activity"] },
    });
    await changeMemberPermissions({
      actor: actor(manager),
      serviceId: service.id,
      userId: member.id,
      permissions: ["view_activity", "manage_templates"],
    });
    expect((await listTeam(service.id)).members.find((entry) => entry.userId === member.id)?.permissions).toEqual([
      "view_activity",
      "manage_templates",
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { serviceId: service.id, action: "team.permissions_changed" },
    });
    expect(audit.details).toEqual({
      email: member.email,
      before: ["view_activity"],
      after: ["view_activity", "manage_templates"],
    });
  });

  it("keeps at least one member who can manage the team", async () => {
    const { manager, service } = await serviceWithManager();
    await expect(
      changeMemberPermissions({
        actor: actor(manager),
        serviceId: service.id,
        userId: manager.id,
        permissions: ["view_activity"],
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      removeTeamMember({ actor: actor(manager), serviceId: service.id, userId: manager.id }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/only team member who can manage the team/),
    });

    const deputy = await makeUser();
    await db.serviceMember.create({ data: { serviceId: service.id, userId: deputy.id, permissions: ["manage_team"] } });
    await expect(
      removeTeamMember({ actor: actor(manager), serviceId: service.id, userId: manager.id }),
    ).resolves.toEqual({ email: manager.email });
    expect((await listTeam(service.id)).members.map((member) => member.userId)).toEqual([deputy.id]);
    expect(
      await db.auditEvent.count({
        where: { serviceId: service.id, action: "team.member_removed", subjectId: manager.id },
      }),
    ).toBe(1);
  });

  it("needs 'manage team', and a member of that service", async () => {
    const { manager, service } = await serviceWithManager();
    const viewer = await makeUser();
    await db.serviceMember.create({
      data: { serviceId: service.id, userId: viewer.id, permissions: ["view_activity"] },
    });
    await expect(
      changeMemberPermissions({
        actor: actor(viewer),
        serviceId: service.id,
        userId: viewer.id,
        permissions: ["manage_team"],
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      removeTeamMember({ actor: actor(viewer), serviceId: service.id, userId: manager.id }),
    ).rejects.toMatchObject({ code: "forbidden" });

    const { manager: otherManager, service: otherService } = await serviceWithManager();
    await expect(
      removeTeamMember({ actor: actor(otherManager), serviceId: service.id, userId: viewer.id }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      removeTeamMember({ actor: actor(otherManager), serviceId: otherService.id, userId: viewer.id }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      changeMemberPermissions({
        actor: actor(otherManager),
        serviceId: otherService.id,
        userId: viewer.id,
        permissions: [],
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await db.serviceMember.count({ where: { serviceId: service.id } })).toBe(2);
  });
});

describe("the audit log", () => {
  it("lists the service's events newest first with who did them, a page at a time, and nothing of other services", async () => {
    const { manager, service } = await serviceWithManager();
    const { manager: otherManager, service: otherService } = await serviceWithManager();
    await inviteTeamMember({
      actor: actor(otherManager),
      serviceId: otherService.id,
      email: "elsewhere@example.com",
      permissions: [],
    });
    for (let index = 0; index < 51; index++)
      await inviteTeamMember({
        actor: actor(manager),
        serviceId: service.id,
        email: `person${index}@example.com`,
        permissions: ["send_messages"],
      });

    const first = await listServiceAuditEvents(service.id, 1);
    expect(first.items).toHaveLength(50);
    expect(first.hasMore).toBe(true);
    expect(first.items[0]).toMatchObject({
      action: "team.member_invited",
      who: { name: "Morgan Manager", email: manager.email },
    });
    expect(describeAuditEvent(first.items[0]!.action, first.items[0]!.details)).toBe(
      "Invited person50@example.com with permissions: Send messages",
    );
    const second = await listServiceAuditEvents(service.id, 2);
    expect(second).toMatchObject({ hasMore: false });
    expect(second.items.map((item) => describeAuditEvent(item.action, item.details))).toEqual([
      "Invited person0@example.com with permissions: Send messages",
    ]);
    expect([...first.items, ...second.items].some((item) => JSON.stringify(item.details).includes("elsewhere"))).toBe(
      false,
    );
  });
});

describe("invitation emails", () => {
  it("are sent through Tidings' own service with the link to join", async () => {
    const manager = await makeUser({ name: "Morgan Manager" });
    const service = await makeService({ name: `Parks ${Date.now()}`, members: [{ userId: manager.id }] });
    const invitation = await inviteTeamMember({
      actor: { userId: manager.id, isPlatformAdmin: false },
      serviceId: service.id,
      email: "invitee@example.gov",
      permissions: ["view_activity"],
    });
    const email = await db.notification.findFirstOrThrow({
      where: { normalisedRecipient: "invitee@example.gov", service: { isPlatformService: true } },
      orderBy: { createdAt: "desc" },
    });
    expect(email.subject).toBe(`Morgan Manager has invited you to ${service.name} on Tidings`);
    expect(email.body).toContain(invitation.link);
  });
});
