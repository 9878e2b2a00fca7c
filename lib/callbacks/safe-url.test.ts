import { beforeEach, describe, expect, it, vi } from "vitest";

const lookups = vi.hoisted(() => new Map<string, { address: string; family: number }[]>());
vi.mock("node:dns/promises", () => ({
  lookup: vi.fn(async (host: string) => {
    const answer = lookups.get(host);
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return answer;
  }),
}));
vi.mock("@/lib/config", () => ({ config: () => ({ CALLBACK_ALLOWED_PRIVATE_HOSTS: ["dev.internal"] }) }));

const { callbackUrlProblem, isPrivateAddress, resolvedCallbackUrlProblem } = await import("./safe-url");

const PRIVATE = "The URL must be on the public internet, not a private or local address";

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "0.0.0.0",
    "100.64.0.1",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:169.254.169.254",
    "::ffff:a9fe:a9fe",
    "::ffff:10.0.0.1",
    "64:ff9b::7f00:1",
    "ff02::1",
  ])("refuses %s", (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(["8.8.8.8", "93.184.216.34", "2001:4860:4860::8888", "2a00:1450:4009:81f::200e"])("allows %s", (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );
});

describe("callbackUrlProblem", () => {
  it.each([
    "https://127.0.0.1/callback",
    "https://2130706433/callback", // 127.0.0.1 written as one number
    "https://0x7f.1/callback",
    "https://[::1]/callback",
    "https://[::ffff:127.0.0.1]/callback",
    "https://[::ffff:a9fe:a9fe]/latest/meta-data",
    "https://169.254.169.254/latest/meta-data",
    "https://[::]/callback",
    "https://0.0.0.0/callback",
    "https://localhost/callback",
    "https://localhost./callback",
    "https://api.localhost/callback",
  ])("refuses %s", (url) => expect(callbackUrlProblem(url)).toBe(PRIVATE));

  it("refuses plain HTTP, credentials and nonsense", () => {
    expect(callbackUrlProblem("http://callbacks.example.gov/")).toBe("The URL must start with https://");
    expect(callbackUrlProblem("https://user:secret@callbacks.example.gov/")).toMatch(/user name or password/);
    expect(callbackUrlProblem("not a url")).toMatch(/correct format/);
  });

  it("allows public HTTPS URLs, and the hosts CALLBACK_ALLOWED_PRIVATE_HOSTS names (plain HTTP too)", () => {
    expect(callbackUrlProblem("https://callbacks.example.gov/notify")).toBeNull();
    expect(callbackUrlProblem("http://dev.internal:8080/notify")).toBeNull();
  });
});

describe("resolvedCallbackUrlProblem", () => {
  beforeEach(() => lookups.clear());

  it("refuses a name that resolves to a private address, any of its addresses", async () => {
    lookups.set("metadata.example", [{ address: "169.254.169.254", family: 4 }]);
    lookups.set("mixed.example", [
      { address: "93.184.216.34", family: 4 },
      { address: "::ffff:127.0.0.1", family: 6 },
    ]);
    expect(await resolvedCallbackUrlProblem("https://metadata.example/x")).toBe(PRIVATE);
    expect(await resolvedCallbackUrlProblem("https://mixed.example/x")).toBe(PRIVATE);
  });

  it("lets through public names, names that do not resolve yet, and allowed hosts", async () => {
    lookups.set("callbacks.example.gov", [{ address: "93.184.216.34", family: 4 }]);
    lookups.set("dev.internal", [{ address: "10.0.0.5", family: 4 }]);
    expect(await resolvedCallbackUrlProblem("https://callbacks.example.gov/x")).toBeNull();
    expect(await resolvedCallbackUrlProblem("https://not-yet.example.gov/x")).toBeNull();
    expect(await resolvedCallbackUrlProblem("http://dev.internal/x")).toBeNull();
  });
});
