import { OPERATOR } from "@/lib/permissions";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addTeamMember } from "@/lib/team/add-team-member";
import { createService } from "@/lib/services/create-service";
import { ALL_PERMISSIONS } from "@/lib/permissions";
import { createUser } from "@/lib/users/create-user";
import { makeService, makeUser } from "../support/factories";

describe("creating a service", () => {
  it("starts in trial mode with Notify's defaults and makes the creator a full member", async () => {
    const user = await makeUser();
    const service = await createService({
      actor: { userId: user.id, isPlatformAdmin: false },
      name: "  Parking permits ",
    });
    const stored = await db.service.findUniqueOrThrow({ where: { id: service.id }, include: { members: true } });
    expect(stored).toMatchObject({
      name: "Parking permits",
      trialMode: true,
      emailRetentionDays: 7,
      smsRetentionDays: 7,
      rateLimit: 3000,
    });
    expect(stored.members).toEqual([expect.objectContaining({ userId: user.id, permissions: ALL_PERMISSIONS })]);
  });

  it("refuses an empty or duplicate name with a message for the field", async () => {
    const user = await makeUser();
    await expect(
      createService({ actor: { userId: user.id, isPlatformAdmin: false }, name: "   " }),
    ).rejects.toMatchObject({
      fieldErrors: { name: "Enter a service name" },
    });
    await createService({ actor: { userId: user.id, isPlatformAdmin: false }, name: "Bins" });
    await expect(
      createService({ actor: { userId: user.id, isPlatformAdmin: false }, name: "Bins" }),
    ).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { name: expect.stringMatching(/already exists/) },
    });
  });
});

describe("members and users", () => {
  it("adds a member, then replaces their permissions", async () => {
    const user = await makeUser();
    const service = await makeService();
    await addTeamMember({
      actor: OPERATOR,
      serviceId: service.id,
      email: user.email.toUpperCase(),
      permissions: ["view_activity"],
    });
    await addTeamMember({
      actor: OPERATOR,
      serviceId: service.id,
      email: user.email,
      permissions: ["view_activity", "send_messages", "send_messages"],
    });
    const member = await db.serviceMember.findUniqueOrThrow({
      where: { serviceId_userId: { serviceId: service.id, userId: user.id } },
    });
    expect(member.permissions).toEqual(["view_activity", "send_messages"]);
  });

  it("reports an unknown user or service", async () => {
    const service = await makeService();
    await expect(
      addTeamMember({ actor: OPERATOR, serviceId: service.id, email: "ghost@example.com", permissions: [] }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      addTeamMember({ actor: OPERATOR, serviceId: "nope", email: "ghost@example.com", permissions: [] }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("stores emails in lower case, refuses duplicates and weak passwords", async () => {
    const created = await createUser({
      actor: OPERATOR,
      email: "Mixed.Case@Example.com",
      name: "Mixed",
      password: "long enough password",
    });
    expect(created.email).toBe("mixed.case@example.com");
    await expect(
      createUser({ actor: OPERATOR, email: "mixed.case@example.com", name: "Again", password: "long enough password" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      createUser({ actor: OPERATOR, email: "new@example.com", name: "Short", password: "short" }),
    ).rejects.toMatchObject({
      fieldErrors: { password: "Password must be at least 10 characters" },
    });
    await expect(
      createUser({ actor: OPERATOR, email: "not an email", name: "Bad", password: "long enough password" }),
    ).rejects.toMatchObject({ fieldErrors: { email: expect.stringMatching(/correct format/) } });
  });
});
