import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  approveGoLive,
  goLiveRejectionOf,
  goLiveRequestOf,
  listGoLiveRequests,
  rejectGoLive,
  requestGoLive,
} from "@/lib/services/go-live";
import { makeService, makeUser } from "../support/factories";

const actor = (user: { id: string; isPlatformAdmin: boolean }) => ({
  userId: user.id,
  isPlatformAdmin: user.isPlatformAdmin,
});
const request = { emailsPerYear: "12000", textsPerYear: "0", purpose: "Reminders to residents about bin collections" };

describe("going live", () => {
  it("a manager asks once, platform admins see the request and make the service live", async () => {
    const manager = await makeUser();
    const admin = await makeUser({ isPlatformAdmin: true });
    const service = await makeService({ name: `Bins ${Date.now()}`, members: [{ userId: manager.id }] });
    await expect(
      requestGoLive({ actor: actor(manager), serviceId: service.id, ...request, purpose: "" }),
    ).rejects.toMatchObject({
      fieldErrors: { purpose: expect.any(String) },
    });
    await requestGoLive({ actor: actor(manager), serviceId: service.id, ...request });
    expect(await goLiveRequestOf(service.id)).toBeInstanceOf(Date);
    await expect(requestGoLive({ actor: actor(manager), serviceId: service.id, ...request })).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await listGoLiveRequests()).find((entry) => entry.serviceId === service.id)).toMatchObject({
      serviceName: service.name,
      requestedBy: manager.email,
      emailsPerYear: 12000,
      purpose: request.purpose,
    });

    await expect(approveGoLive({ actor: actor(manager), serviceId: service.id })).rejects.toMatchObject({
      code: "forbidden",
    });
    await approveGoLive({ actor: actor(admin), serviceId: service.id });
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).trialMode).toBe(false);
    expect((await listGoLiveRequests()).some((entry) => entry.serviceId === service.id)).toBe(false);
    expect(await goLiveRequestOf(service.id)).toBeNull();
  });

  it("refuses blank volumes", async () => {
    const manager = await makeUser();
    const service = await makeService({ members: [{ userId: manager.id }] });
    await expect(
      requestGoLive({ actor: actor(manager), serviceId: service.id, ...request, emailsPerYear: "", textsPerYear: " " }),
    ).rejects.toMatchObject({
      fieldErrors: {
        emailsPerYear: "Enter how many emails a year you expect to send (0 if none)",
        textsPerYear: "Enter how many text messages a year you expect to send (0 if none)",
      },
    });
  });

  it("a platform admin rejects a request with a reason the team sees, and the team can ask again", async () => {
    const manager = await makeUser();
    const admin = await makeUser({ isPlatformAdmin: true });
    const service = await makeService({ members: [{ userId: manager.id }] });
    await requestGoLive({ actor: actor(manager), serviceId: service.id, ...request });
    await expect(rejectGoLive({ actor: actor(manager), serviceId: service.id, reason: "No" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(rejectGoLive({ actor: actor(admin), serviceId: service.id, reason: " " })).rejects.toMatchObject({
      fieldErrors: { reason: expect.stringContaining("Say why") },
    });
    await rejectGoLive({ actor: actor(admin), serviceId: service.id, reason: "Add a reply-to address first" });
    expect(await goLiveRequestOf(service.id)).toBeNull();
    expect(await goLiveRejectionOf(service.id)).toMatchObject({ reason: "Add a reply-to address first" });
    expect((await listGoLiveRequests()).some((entry) => entry.serviceId === service.id)).toBe(false);
    await expect(rejectGoLive({ actor: actor(admin), serviceId: service.id, reason: "Again" })).rejects.toMatchObject({
      code: "conflict",
    });

    await requestGoLive({ actor: actor(manager), serviceId: service.id, ...request });
    expect(await goLiveRejectionOf(service.id)).toBeNull();
    expect((await listGoLiveRequests()).some((entry) => entry.serviceId === service.id)).toBe(true);
  });

  it("needs the manage service permission", async () => {
    const viewer = await makeUser();
    const service = await makeService({ members: [{ userId: viewer.id, permissions: ["view_activity"] }] });
    await expect(requestGoLive({ actor: actor(viewer), serviceId: service.id, ...request })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
