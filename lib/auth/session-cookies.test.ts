import { beforeEach, describe, expect, it, vi } from "vitest";

const settings = vi.hoisted(() => ({
  current: { COOKIE_SECURE: false, publicUrl: "http://localhost:3000", SESSION_TTL_HOURS: 20 },
}));
vi.mock("@/lib/config", () => ({ config: () => ({ ...settings.current, SECRET_KEY: "x".repeat(40) }) }));

const { sessionCookie, sessionIdOf } = await import("./session-cookies");

describe("the session cookie", () => {
  beforeEach(() => {
    settings.current = { COOKIE_SECURE: false, publicUrl: "http://localhost:3000", SESSION_TTL_HOURS: 20 };
  });

  it("is HttpOnly and SameSite=Lax, for the whole site, as long as the session lasts", async () => {
    const cookie = await sessionCookie("01a23165-cc21-7408-b865-686cd14d644c");
    expect(cookie.name).toBe("tidings.session");
    expect(cookie.options).toEqual({ httpOnly: true, sameSite: "lax", secure: false, path: "/", maxAge: 20 * 3600 });
  });

  it("is Secure with the __Host- prefix over HTTPS, or when COOKIE_SECURE says so", async () => {
    settings.current = { ...settings.current, publicUrl: "https://tidings.example.gov" };
    expect(await sessionCookie("s")).toMatchObject({ name: "__Host-tidings.session", options: { secure: true } });
    settings.current = { ...settings.current, publicUrl: "http://localhost:3000", COOKIE_SECURE: true };
    expect(await sessionCookie("s")).toMatchObject({ name: "__Host-tidings.session", options: { secure: true } });
  });

  it("carries only the session id, encrypted, and reads back nothing from a forged or garbled value", async () => {
    const { value } = await sessionCookie("01a23165-cc21-7408-b865-686cd14d644c");
    expect(value).not.toContain("01a23165");
    expect(await sessionIdOf(value)).toBe("01a23165-cc21-7408-b865-686cd14d644c");
    expect(await sessionIdOf(`${value.slice(0, -4)}AAAA`)).toBeNull();
    expect(await sessionIdOf("not a token")).toBeNull();
  });
});
