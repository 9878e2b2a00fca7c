import { beforeAll, describe, expect, it } from "vitest";
import { signToken } from "@/lib/api-keys/jwt";
import { resetConfig } from "@/lib/config";
import { OPERATOR } from "@/lib/permissions";
import { archiveService } from "@/lib/services/archive-service";
import { db } from "@/lib/db";
import { failureOf, apiServerForThisFile } from "../support/api-harness";
import { makeApiKey, makeService, makeTemplate, makeUser } from "../support/factories";

const api = apiServerForThisFile();
let service: Awaited<ReturnType<typeof makeService>>;
let key: Awaited<ReturnType<typeof makeApiKey>>;
let otherService: Awaited<ReturnType<typeof makeService>>;
let otherKey: Awaited<ReturnType<typeof makeApiKey>>;

beforeAll(async () => {
  service = await makeService({ trialMode: false });
  key = await makeApiKey(service.id, "normal");
  otherService = await makeService();
  otherKey = await makeApiKey(otherService.id, "normal");
});

const now = () => Math.floor(Date.now() / 1000);
const secretOf = (apiKey: { key: string }) => apiKey.key.slice(-36);
const get = (authorization?: string) =>
  fetch(`${api.url()}/v2/templates`, { headers: authorization === undefined ? {} : { Authorization: authorization } });
const expectError = async (response: Response, status: number, error: string, message: string) => {
  expect(response.status).toBe(status);
  expect(await response.json()).toEqual({ status_code: status, errors: [{ error, message }] });
};

describe("authentication", () => {
  it("accepts a token made by the official client", async () => {
    expect((await api.client(key.key).getAllTemplates()).status).toBe(200);
  });

  it("needs a Bearer token", async () => {
    await expectError(await get(), 401, "AuthError", "Unauthorized: authentication token must be provided");
    await expectError(
      await get(`Basic ${secretOf(key)}`),
      401,
      "AuthError",
      "Unauthorized: authentication bearer scheme must be used",
    );
    // The scheme is case-insensitive, as Notify's is.
    expect((await get(`bearer ${signToken({ iss: service.id, iat: now() }, secretOf(key))}`)).status).toBe(200);
  });

  it("refuses malformed tokens and other algorithms", async () => {
    await expectError(
      await get("Bearer not.a.token"),
      403,
      "AuthError",
      "Invalid token: signature, api token is not valid",
    );
    await expectError(
      await get(`Bearer ${signToken({ iss: service.id, iat: now() }, secretOf(key), { typ: "JWT", alg: "HS512" })}`),
      403,
      "AuthError",
      "Invalid token: algorithm used is not HS256",
    );
    await expectError(
      await get(`Bearer ${signToken({ iat: now() }, secretOf(key))}`),
      403,
      "AuthError",
      "Invalid token: iss field not provided",
    );
    await expectError(
      await get(`Bearer ${signToken({ iss: "service-1", iat: now() }, secretOf(key))}`),
      403,
      "AuthError",
      "Invalid token: service id is not the right data type",
    );
  });

  it("refuses an unknown service, a key of another service and a wrong secret", async () => {
    await expectError(
      await get(`Bearer ${signToken({ iss: "00000000-0000-4000-8000-000000000000", iat: now() }, secretOf(key))}`),
      403,
      "AuthError",
      "Invalid token: service not found",
    );
    // Service A's id, signed with service B's key.
    await expectError(
      await get(`Bearer ${signToken({ iss: service.id, iat: now() }, secretOf(otherKey))}`),
      403,
      "AuthError",
      "Invalid token: API key not found",
    );
    await expectError(
      await get(`Bearer ${signToken({ iss: service.id, iat: now() }, "0f1e2d3c-4b5a-4978-8675-a4b3c2d1e0f9")}`),
      403,
      "AuthError",
      "Invalid token: API key not found",
    );
    const keyless = await makeService();
    await expectError(
      await get(`Bearer ${signToken({ iss: keyless.id, iat: now() }, secretOf(key))}`),
      403,
      "AuthError",
      "Invalid token: service has no API keys",
    );
  });

  it("allows 30 seconds of clock difference either way, and no more", async () => {
    for (const skew of [-29, 29])
      expect((await get(`Bearer ${signToken({ iss: service.id, iat: now() + skew }, secretOf(key))}`)).status).toBe(
        200,
      );
    for (const skew of [-31, 31, -3600]) {
      await expectError(
        await get(`Bearer ${signToken({ iss: service.id, iat: now() + skew }, secretOf(key))}`),
        403,
        "AuthError",
        "Error: Your system clock must be accurate to within 30 seconds",
      );
    }
    await expectError(
      await get(`Bearer ${signToken({ iss: service.id }, secretOf(key))}`),
      403,
      "AuthError",
      "Invalid token: iat field not provided",
    );
  });

  it("refuses a revoked key and an archived service", async () => {
    const revoked = await makeApiKey(service.id, "normal");
    await db.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const failure = await failureOf(api.client(revoked.key).getAllTemplates());
    expect(failure.data).toEqual({
      status_code: 403,
      errors: [{ error: "AuthError", message: "Invalid token: API key revoked" }],
    });
    const archived = await makeService();
    const archivedKey = await makeApiKey(archived.id, "normal");
    await db.service.update({ where: { id: archived.id }, data: { active: false } });
    expect((await failureOf(api.client(archivedKey.key).getAllTemplates())).data.errors[0]!.message).toBe(
      "Invalid token: service is archived",
    );
  });
});

describe("archiving a service", () => {
  it("a platform admin archives a service: its keys stop working at once, and only an admin may", async () => {
    const archived = await makeService({ trialMode: false });
    const client = api.client((await makeApiKey(archived.id, "normal")).key);
    expect((await client.getAllTemplates()).status).toBe(200);
    await expect(
      archiveService({ actor: { userId: (await makeUser()).id, isPlatformAdmin: false }, serviceId: archived.id }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await archiveService({ actor: OPERATOR, serviceId: archived.id });
    expect((await failureOf(client.getAllTemplates())).data.errors[0]!.message).toBe(
      "Invalid token: service is archived",
    );
    expect(await db.auditEvent.count({ where: { serviceId: archived.id, action: "service.archived" } })).toBe(1);
    await expect(archiveService({ actor: OPERATOR, serviceId: archived.id })).rejects.toMatchObject({
      code: "conflict",
    });
  });
});

describe("rate limiting", () => {
  it("allows the service's sends per minute per key type, then answers RateLimitError; reads do not count", async () => {
    const limited = await makeService({ trialMode: false });
    await db.service.update({ where: { id: limited.id }, data: { rateLimit: 3 } });
    const template = await makeTemplate(limited.id, { type: "email" });
    const live = api.client((await makeApiKey(limited.id, "normal")).key);
    const test = api.client((await makeApiKey(limited.id, "test")).key);
    const send = (client: typeof live) =>
      client.sendEmail(template.id, "simulate-delivered@notifications.service.gov.uk", {
        personalisation: { name: "A", reference: "B" },
      });
    // Polling for statuses, as clients do, leaves the sending allowance alone.
    for (let request = 0; request < 5; request++) expect((await live.getAllTemplates()).status).toBe(200);
    for (let request = 0; request < 3; request++) expect((await send(live)).status).toBe(201);
    const failure = await failureOf(send(live));
    expect(failure.data).toEqual({
      status_code: 429,
      errors: [
        { error: "RateLimitError", message: "Exceeded rate limit for key type LIVE of 3 requests per 60 seconds" },
      ],
    });
    // Reads still work once sends are used up, and another key type has its own allowance.
    expect((await live.getNotifications()).status).toBe(200);
    expect((await send(test)).status).toBe(201);
  });

  it("limits reads separately, at API_READ_RATE_LIMIT per minute per key type", async () => {
    process.env.API_READ_RATE_LIMIT = "4";
    resetConfig();
    try {
      const reader = await makeService({ trialMode: false });
      const live = api.client((await makeApiKey(reader.id, "normal")).key);
      for (let request = 0; request < 4; request++) expect((await live.getAllTemplates()).status).toBe(200);
      expect((await failureOf(live.getAllTemplates())).data).toEqual({
        status_code: 429,
        errors: [
          {
            error: "RateLimitError",
            message: "Exceeded rate limit for reading with key type LIVE of 4 requests per 60 seconds",
          },
        ],
      });
    } finally {
      delete process.env.API_READ_RATE_LIMIT;
      resetConfig();
    }
  });
});

describe("request bodies", () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url()}/v2/notifications/email`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Authorization: `Bearer ${signToken({ iss: service.id, iat: now() }, secretOf(key))}`,
        ...headers,
      },
      body,
    });

  it("answers a body that is not JSON with BadRequestError, never a 500", async () => {
    for (const body of ["{not json", "", "[]", '"a string"', "null"])
      await expectError(await post(body), 400, "BadRequestError", "Invalid JSON supplied in POST data");
  });

  it("refuses a body over 1 MiB", async () => {
    const response = await post(
      JSON.stringify({
        email_address: "a@example.com",
        template_id: "x",
        personalisation: { big: "x".repeat(1024 * 1024) },
      }),
    );
    await expectError(response, 400, "BadRequestError", "Request body is too large: the limit is 1048576 bytes");
  });

  it("lists schema problems the way Notify does, one per field", async () => {
    const template = await makeTemplate(service.id);
    const response = await post(
      JSON.stringify({ template_id: "not-a-uuid", reference: 12, colour: "blue", personalisation: "x" }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.status_code).toBe(400);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { error: "ValidationError", message: "email_address is a required property" },
        { error: "ValidationError", message: "template_id is not a valid UUID" },
        { error: "ValidationError", message: "reference 12 is not of type string" },
        { error: "ValidationError", message: "personalisation 'x' is not of type object" },
        { error: "ValidationError", message: "Additional properties are not allowed ('colour' was unexpected)" },
      ]),
    );
    const tooLong = await post(
      JSON.stringify({ template_id: template.id, email_address: "a@example.com", reference: "r".repeat(1001) }),
    );
    expect((await tooLong.json()).errors[0].message).toMatch(/^reference 'rrr+' is too long$/);
  });

  it("validates scheduled_for", async () => {
    const template = await makeTemplate(service.id);
    const base = {
      template_id: template.id,
      email_address: "a@example.com",
      personalisation: { name: "a", reference: "b" },
    };
    expect(
      (await (await post(JSON.stringify({ ...base, scheduled_for: "tomorrow" }))).json()).errors[0].message,
    ).toMatch(/^scheduled_for datetime format is invalid/);
    expect(
      (await (await post(JSON.stringify({ ...base, scheduled_for: "2001-01-01T10:00:00Z" }))).json()).errors[0].message,
    ).toBe("scheduled_for datetime can not be in the past");
    expect(
      (
        await (
          await post(JSON.stringify({ ...base, scheduled_for: new Date(Date.now() + 8 * 86_400_000).toISOString() }))
        ).json()
      ).errors[0].message,
    ).toBe("scheduled_for datetime can only be up to 7 days in the future");
  });

  it("answers unknown API paths in the API's format", async () => {
    await expectError(
      await fetch(`${api.url()}/v2/no-such-thing`),
      404,
      "NoResultFound",
      "The requested URL was not found on the server.",
    );
  });
});
