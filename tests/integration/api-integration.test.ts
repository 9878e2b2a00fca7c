import { beforeAll, describe, expect, it } from "vitest";
import { signToken } from "@/lib/api-keys/jwt";
import { listApiKeys } from "@/lib/api-keys/queries";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { deleteOldApiRequests } from "@/lib/api-log/delete-old-api-requests";
import { listRecentApiRequests } from "@/lib/api-log/queries";
import { flushApiRequestLog } from "@/lib/api-log/record-api-request";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { addGuestListEntry } from "@/lib/guest-list/add-guest-list-entry";
import { listGuestList } from "@/lib/guest-list/queries";
import { removeGuestListEntry } from "@/lib/guest-list/remove-guest-list-entry";
import { isTeamOrGuestListRecipient } from "@/lib/notifications/allowed-recipients";
import { apiServerForThisFile, failureOf } from "../support/api-harness";
import { makeApiKey, makeService, makeUser } from "../support/factories";

// Keys stay cached as in production, so the revocation test shows that revoking invalidates the cache.
process.env.SETTINGS_CACHE_SECONDS = "60";
resetConfig();

const api = apiServerForThisFile();
const actor = (user: { id: string; isPlatformAdmin: boolean }) => ({
  userId: user.id,
  isPlatformAdmin: user.isPlatformAdmin,
});

let integrator: Awaited<ReturnType<typeof makeUser>>;
let sender: Awaited<ReturnType<typeof makeUser>>;
let service: Awaited<ReturnType<typeof makeService>>;
let otherService: Awaited<ReturnType<typeof makeService>>;

beforeAll(async () => {
  integrator = await makeUser();
  sender = await makeUser();
  service = await makeService({
    members: [
      { userId: integrator.id, permissions: ["manage_api_keys"] },
      { userId: sender.id, permissions: ["send_messages"] },
    ],
  });
  otherService = await makeService({ members: [{ userId: sender.id }] });
});

describe("revoking an API key", () => {
  it("refuses the key at the API straight away, keeps it listed as revoked, and audits it", async () => {
    const key = await makeApiKey(service.id, "normal", "Payments");
    expect((await api.client(key.key).getAllTemplates()).status).toBe(200);

    await expect(revokeApiKey({ actor: actor(integrator), serviceId: service.id, apiKeyId: key.id })).resolves.toEqual({
      name: "Payments",
    });
    const failure = await failureOf(api.client(key.key).getAllTemplates());
    expect(failure.data).toEqual({
      status_code: 403,
      errors: [{ error: "AuthError", message: "Invalid token: API key revoked" }],
    });

    expect((await listApiKeys(service.id)).find((listed) => listed.id === key.id)?.revokedAt).toBeInstanceOf(Date);
    // Revoking twice is harmless and audited once.
    await revokeApiKey({ actor: actor(integrator), serviceId: service.id, apiKeyId: key.id });
    expect(
      await db.auditEvent.count({ where: { serviceId: service.id, action: "api_key.revoked", subjectId: key.id } }),
    ).toBe(1);
  });

  it("needs 'manage API integration' in the key's own service", async () => {
    const key = await makeApiKey(service.id, "normal");
    await expect(revokeApiKey({ actor: actor(sender), serviceId: service.id, apiKeyId: key.id })).rejects.toMatchObject(
      { code: "forbidden" },
    );
    // sender may manage otherService's keys, but this key is not one of them.
    await expect(
      revokeApiKey({ actor: actor(sender), serviceId: otherService.id, apiKeyId: key.id }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await api.client(key.key).getAllTemplates()).status).toBe(200);
  });
});

describe("the guest list", () => {
  it("adds email addresses and mobile numbers in the form the sending rules compare", async () => {
    const email = await addGuestListEntry({
      actor: actor(integrator),
      serviceId: service.id,
      recipient: "  Tester@Example.GOV.uk ",
    });
    const mobile = await addGuestListEntry({
      actor: actor(integrator),
      serviceId: service.id,
      recipient: "07123 456 789",
    });
    expect([email.recipient, mobile.recipient]).toEqual(["tester@example.gov.uk", "+447123456789"]);
    expect(await isTeamOrGuestListRecipient(service.id, "email", "tester@example.gov.uk")).toBe(true);
    expect(await isTeamOrGuestListRecipient(service.id, "sms", "+447123456789")).toBe(true);
    expect((await listGuestList(service.id)).map((entry) => [entry.recipientType, entry.recipient])).toEqual([
      ["email", "tester@example.gov.uk"],
      ["mobile", "+447123456789"],
    ]);

    await removeGuestListEntry({ actor: actor(integrator), serviceId: service.id, entryId: mobile.id });
    expect(await isTeamOrGuestListRecipient(service.id, "sms", "+447123456789")).toBe(false);
    const audit = await db.auditEvent.findMany({
      where: { serviceId: service.id, action: { startsWith: "guest_list." } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((event) => [event.action, event.details])).toEqual([
      ["guest_list.entry_added", { recipientType: "email" }],
      ["guest_list.entry_added", { recipientType: "mobile" }],
      ["guest_list.entry_removed", { recipientType: "mobile" }],
    ]);
  });

  it("explains a wrong or repeated entry beside the field", async () => {
    await expect(
      addGuestListEntry({ actor: actor(integrator), serviceId: service.id, recipient: "" }),
    ).rejects.toMatchObject({
      fieldErrors: { recipient: "Enter an email address or mobile number" },
    });
    await expect(
      addGuestListEntry({ actor: actor(integrator), serviceId: service.id, recipient: "someone@nowhere" }),
    ).rejects.toMatchObject({ fieldErrors: { recipient: expect.stringMatching(/correct format/) } });
    await expect(
      addGuestListEntry({ actor: actor(integrator), serviceId: service.id, recipient: "0121 496 0000" }),
    ).rejects.toMatchObject({ fieldErrors: { recipient: "Not a UK mobile number" } });
    await addGuestListEntry({ actor: actor(integrator), serviceId: service.id, recipient: "twice@example.com" });
    await expect(
      addGuestListEntry({ actor: actor(integrator), serviceId: service.id, recipient: "TWICE@example.com" }),
    ).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { recipient: "twice@example.com is already on the guest list" },
    });
  });

  it("needs 'manage API integration' and an entry of that service", async () => {
    const entry = await addGuestListEntry({
      actor: actor(integrator),
      serviceId: service.id,
      recipient: "kept@example.com",
    });
    await expect(
      addGuestListEntry({ actor: actor(sender), serviceId: service.id, recipient: "sneaky@example.com" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      removeGuestListEntry({ actor: actor(sender), serviceId: service.id, entryId: entry.id }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      removeGuestListEntry({ actor: actor(sender), serviceId: otherService.id, entryId: entry.id }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await listGuestList(service.id)).some((listed) => listed.id === entry.id)).toBe(true);
  });
});

describe("the API log", () => {
  const now = () => Math.floor(Date.now() / 1000);

  it("records each request's outcome in batches, newest first, without query strings, and filters failures", async () => {
    const logged = await makeService({ trialMode: false });
    const key = await makeApiKey(logged.id, "normal", "Logged key");
    const client = api.client(key.key);
    await client.getAllTemplates("email");
    await failureOf(client.sendEmail("not-a-uuid", "someone@example.com", {}));
    const revoked = await makeApiKey(logged.id, "normal", "Old key");
    await revokeApiKey({
      actor: actor(await makeUser({ isPlatformAdmin: true })),
      serviceId: logged.id,
      apiKeyId: revoked.id,
    });
    await failureOf(api.client(revoked.key).getAllTemplates());
    // Refusals that cannot be tied to one of the service's keys are not the service's to see.
    await fetch(`${api.url()}/v2/templates`);
    await fetch(`${api.url()}/v2/templates`, {
      headers: {
        Authorization: `Bearer ${signToken({ iss: logged.id, iat: now() }, "0f1e2d3c-4b5a-4978-8675-a4b3c2d1e0f9")}`,
      },
    });

    // Nothing was written while the requests ran; the batch lands when flushed.
    expect(await db.apiRequestLog.count({ where: { serviceId: logged.id } })).toBe(0);
    await flushApiRequestLog();

    const entries = await listRecentApiRequests(logged.id);
    expect(
      entries.map(({ method, path, statusCode, errorType, errorMessage, keyName }) => ({
        method,
        path,
        statusCode,
        errorType,
        errorMessage,
        keyName,
      })),
    ).toEqual([
      {
        method: "GET",
        path: "/v2/templates",
        statusCode: 403,
        errorType: "AuthError",
        errorMessage: "Invalid token: API key revoked",
        keyName: "Old key",
      },
      {
        method: "POST",
        path: "/v2/notifications/email",
        statusCode: 400,
        errorType: "ValidationError",
        errorMessage: "template_id is not a valid UUID",
        keyName: "Logged key",
      },
      {
        method: "GET",
        path: "/v2/templates",
        statusCode: 200,
        errorType: null,
        errorMessage: null,
        keyName: "Logged key",
      },
    ]);
    expect(entries.every((entry) => entry.durationMs >= 0)).toBe(true);
    expect((await listRecentApiRequests(logged.id, { failedOnly: true })).map((entry) => entry.statusCode)).toEqual([
      403, 400,
    ]);
    expect(await listRecentApiRequests(otherService.id)).toEqual([]);
  });

  it("deletes records older than 7 days", async () => {
    const old = new Date(Date.now() - 8 * 86_400_000);
    const recent = new Date(Date.now() - 6 * 86_400_000);
    const quiet = await makeService();
    const record = { serviceId: quiet.id, method: "GET", path: "/v2/templates", statusCode: 200, durationMs: 3 };
    await db.apiRequestLog.createMany({
      data: [
        { ...record, createdAt: old },
        { ...record, createdAt: recent },
      ],
    });
    expect(await deleteOldApiRequests()).toBe(1);
    expect((await db.apiRequestLog.findMany({ where: { serviceId: quiet.id } })).map((row) => row.createdAt)).toEqual([
      recent,
    ]);
  });
});
