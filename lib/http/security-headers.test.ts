import { beforeEach, describe, expect, it, vi } from "vitest";

const settings = vi.hoisted(() => ({ publicUrl: "http://localhost:3000" }));
vi.mock("@/lib/config", () => ({ config: () => settings }));

const { isForeignOrigin, pageContentSecurityPolicy, securityHeaders } = await import("./security-headers");

describe("security headers", () => {
  beforeEach(() => {
    settings.publicUrl = "http://localhost:3000";
  });

  it("forbid sniffing and framing, limit the referrer and browser features; HSTS only over HTTPS", () => {
    expect(securityHeaders()).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": expect.stringContaining("camera=()"),
    });
    expect(securityHeaders()).not.toHaveProperty("Strict-Transport-Security");
    settings.publicUrl = "https://tidings.example.gov";
    expect(securityHeaders()["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  });

  it("allow scripts only with the request's nonce, never inline or eval outside development", () => {
    const policy = pageContentSecurityPolicy("bm9uY2Utdmlh", { development: false });
    const scripts = /script-src ([^;]*)/.exec(policy)![1];
    expect(scripts).toBe("'self' 'nonce-bm9uY2Utdmlh' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("upgrade-insecure-requests");
    settings.publicUrl = "https://tidings.example.gov";
    expect(pageContentSecurityPolicy("n", { development: false })).toContain("upgrade-insecure-requests");
  });
});

describe("isForeignOrigin", () => {
  const own = ["https://tidings.example.gov"];
  it.each([
    ["https://evil.example", true],
    ["http://tidings.example.gov", true],
    ["https://tidings.example.gov.evil.example", true],
    ["null", true],
    ["not a url", true],
    ["http://", true],
    ["https://tidings.example.gov", false],
    ["https://TIDINGS.example.gov", false],
    ["https://tidings.example.gov:443", false],
  ])("%j → %s", (origin, foreign) => expect(isForeignOrigin(origin, own)).toBe(foreign));

  it("lets through requests without an Origin: no browser form of another site sends those", () => {
    expect(isForeignOrigin(null, own)).toBe(false);
  });
});
