import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getServiceAccess, requireServicePermission } from "@/lib/permissions";
import { getServiceDetails, listServicesForUser } from "@/lib/services/queries";
import { updateServiceSettings } from "@/lib/services/update-service-settings";
import { makeService, makeUser } from "../support/factories";

const actor = (user: { id: string; isPlatformAdmin: boolean }) => ({
  userId: user.id,
  isPlatformAdmin: user.isPlatformAdmin,
});

describe("service access", () => {
  it("a member of service A can never read or change service B", async () => {
    const alice = await makeUser();
    const serviceA = await makeService({ members: [{ userId: alice.id }] });
    const serviceB = await makeService({ name: "Service B" });

    expect((await listServicesForUser(alice.id)).map((service) => service.id)).toEqual([serviceA.id]);
    await expect(getServiceAccess(actor(alice), serviceB.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(
      updateServiceSettings({ actor: actor(alice), serviceId: serviceB.id, name: "Hijacked" }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await getServiceDetails(serviceB.id)).name).toBe("Service B");
  });

  it("answers 'not found' for ids that are not services or not UUIDs", async () => {
    const alice = await makeUser();
    await expect(getServiceAccess(actor(alice), "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(
      AppError,
    );
    await expect(getServiceAccess(actor(alice), "../../etc/passwd")).rejects.toMatchObject({ code: "not_found" });
  });

  it("needs the permission the action asks for", async () => {
    const viewer = await makeUser();
    const service = await makeService({ members: [{ userId: viewer.id, permissions: ["view_activity"] }] });
    await expect(requireServicePermission(actor(viewer), service.id, "view_activity")).resolves.toBeTruthy();
    await expect(requireServicePermission(actor(viewer), service.id, "manage_service")).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      updateServiceSettings({ actor: actor(viewer), serviceId: service.id, name: "Renamed" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("gives platform administrators every permission in every service", async () => {
    const admin = await makeUser({ isPlatformAdmin: true });
    const service = await makeService();
    const access = await getServiceAccess(actor(admin), service.id);
    expect(access.isMember).toBe(false);
    expect(access.permissions.has("manage_service")).toBe(true);
  });
});

describe("changing settings", () => {
  it("lets a member with 'manage settings' change the name and retention, and audits the change", async () => {
    const manager = await makeUser();
    const service = await makeService({ members: [{ userId: manager.id, permissions: ["manage_service"] }] });
    const saved = await updateServiceSettings({
      actor: actor(manager),
      serviceId: service.id,
      name: " Council tax ",
      emailRetentionDays: "30",
    });
    expect(saved).toMatchObject({ name: "Council tax", emailRetentionDays: 30, smsRetentionDays: 7 });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { serviceId: service.id, action: "service.settings_changed" },
    });
    expect(audit.details).toMatchObject({
      before: { emailRetentionDays: 7 },
      after: { emailRetentionDays: 30, name: "Council tax" },
    });
  });

  it("keeps trial mode and limits to platform administrators", async () => {
    const manager = await makeUser();
    const admin = await makeUser({ isPlatformAdmin: true });
    const service = await makeService({ members: [{ userId: manager.id }] });
    await expect(
      updateServiceSettings({ actor: actor(manager), serviceId: service.id, trialMode: false }),
    ).rejects.toMatchObject({
      code: "forbidden",
      fieldErrors: { trialMode: "Only platform administrators can change this" },
    });
    // Sending the current value back unchanged is not a change.
    await expect(
      updateServiceSettings({ actor: actor(manager), serviceId: service.id, trialMode: true, emailMessageLimit: 50 }),
    ).resolves.toMatchObject({ trialMode: true });
    await expect(
      updateServiceSettings({
        actor: actor(admin),
        serviceId: service.id,
        trialMode: "false",
        emailMessageLimit: "250000",
      }),
    ).resolves.toMatchObject({
      trialMode: false,
      emailMessageLimit: 250_000,
    });
  });

  it("reports each invalid field and changes nothing", async () => {
    const admin = await makeUser({ isPlatformAdmin: true });
    const service = await makeService();
    await expect(
      updateServiceSettings({
        actor: actor(admin),
        serviceId: service.id,
        name: "",
        emailRetentionDays: "1",
        rateLimit: "lots",
      }),
    ).rejects.toMatchObject({
      code: "validation",
      fieldErrors: {
        name: "Enter a service name",
        emailRetentionDays: "Email retention must be 3 or more",
        rateLimit: "API rate limit must be a number",
      },
    });
    expect((await getServiceDetails(service.id)).name).toBe(service.name);
  });

  it("refuses a name another service has", async () => {
    const admin = await makeUser({ isPlatformAdmin: true });
    await makeService({ name: "Taken" });
    const service = await makeService();
    await expect(
      updateServiceSettings({ actor: actor(admin), serviceId: service.id, name: "Taken" }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
  });
});
