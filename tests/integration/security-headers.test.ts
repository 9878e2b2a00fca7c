import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postUploadForm } from "@/app/(console)/services/[serviceId]/send/[templateId]/upload/file/route";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { apiServerForThisFile } from "../support/api-harness";
import { authorizationFor } from "../support/api-token";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { makeApiKey, makeService, makeTemplate } from "../support/factories";

const api = apiServerForThisFile();
deliveryHarnessForThisFile({ env: { SIMULATED_DELIVERY_DELAY_MS: "0" }, worker: true });

let template: Awaited<ReturnType<typeof makeTemplate>>;
let apiKey: string;

beforeAll(async () => {
  const service = await makeService({ trialMode: false });
  template = await makeTemplate(service.id, { type: "email" });
  apiKey = (await makeApiKey(service.id)).key;
});

// What every API and webhook answer must carry (lib/http/security-headers.ts), whatever its status.
const EXPECTED: Record<string, RegExp> = {
  "content-security-policy": /^default-src 'none'; frame-ancestors 'none'$/,
  "x-content-type-options": /^nosniff$/,
  "x-frame-options": /^DENY$/,
  "referrer-policy": /^strict-origin-when-cross-origin$/,
  "permissions-policy": /camera=\(\)/,
  "cross-origin-opener-policy": /^same-origin$/,
};

function expectSecured(response: Response, what: string, expected = EXPECTED) {
  for (const [name, pattern] of Object.entries(expected))
    expect(response.headers.get(name), `${name} of ${what}`).toMatch(pattern);
}

const request = (path: string, init: RequestInit = {}) => fetch(`${api.url()}${path}`, init);
const sendEmail = (body: unknown) =>
  request("/v2/notifications/email", {
    method: "POST",
    headers: { Authorization: authorizationFor(apiKey), "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

describe("the API's and the webhooks' security headers", () => {
  it("come with every /v2 answer: accepted, refused, not found, wrong method, unauthorised", async () => {
    const answers: [string, number, Response][] = [
      [
        "a send",
        201,
        await sendEmail({
          template_id: template.id,
          email_address: "someone@example.com",
          personalisation: { name: "Ada", reference: "R-1" },
        }),
      ],
      ["a send without a template", 400, await sendEmail({ email_address: "someone@example.com" })],
      [
        "an unknown notification",
        404,
        await request(`/v2/notifications/${randomUUID()}`, { headers: { Authorization: authorizationFor(apiKey) } }),
      ],
      ["a DELETE", 405, await request("/v2/notifications", { method: "DELETE" })],
      ["a read without a key", 401, await request("/v2/notifications")],
    ];
    for (const [what, status, response] of answers) {
      expect(response.status, what).toBe(status);
      expectSecured(response, what);
    }
  });

  it("come with every webhook answer, a refused forgery included", async () => {
    for (const path of ["/api/webhooks/ses", "/api/webhooks/sms", "/api/webhooks/inbound-sms"]) {
      const response = await request(path, {
        method: "POST",
        headers: { "Content-Type": "text/plain" },
        body: JSON.stringify({ Type: "Notification", Message: "{}" }),
      });
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
      expectSecured(response, path);
    }
  });

  it("add Strict-Transport-Security once PUBLIC_URL is https", async () => {
    const served = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = "https://notify.example.gov";
    resetConfig();
    try {
      const response = await request("/v2/notifications");
      expectSecured(response, "a read over https", {
        ...EXPECTED,
        "strict-transport-security": /^max-age=\d{8,}; includeSubDomains$/,
      });
    } finally {
      process.env.PUBLIC_URL = served;
      resetConfig();
    }
  });
});

describe("the upload form's own route (which the proxy leaves alone)", () => {
  it("refuses a post from another site before reading the file, with the security headers", async () => {
    const before = await db.recipientFile.count();
    const response = await postUploadForm(
      new Request(`${api.url()}/services/${template.serviceId}/send/${template.id}/upload/file`, {
        method: "POST",
        headers: { Origin: "https://evil.example", "Content-Type": "multipart/form-data; boundary=x" },
        body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nemail address\r\n--x--\r\n',
      }),
      { params: Promise.resolve({ serviceId: template.serviceId, templateId: template.id }) },
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("This form was sent from another site.");
    const { "content-security-policy": _csp, ...pageHeaders } = EXPECTED;
    expectSecured(response, "the refused upload", pageHeaders);
    expect(await db.recipientFile.count()).toBe(before);
  });
});
