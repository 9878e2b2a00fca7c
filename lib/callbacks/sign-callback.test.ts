import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureHeaders } from "./sign-callback";

describe("signatureHeaders", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const body = '{"id":"1","status":"delivered"}';

  it("signs the timestamp and body with HMAC-SHA256, once per secret in use", () => {
    const headers = signatureHeaders(body, ["new-secret", "old-secret"], now);
    expect(headers["Tidings-Timestamp"]).toBe("1796126400");
    const expected = (secret: string) => createHmac("sha256", secret).update(`1796126400.${body}`).digest("hex");
    expect(headers["Tidings-Signature"]).toBe(`v1=${expected("new-secret")}, v1=${expected("old-secret")}`);
  });

  it("adds nothing for a service without a signing secret", () => {
    expect(signatureHeaders(body, [], now)).toEqual({});
  });
});
