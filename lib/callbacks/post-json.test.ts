import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Names resolve as the test says, so that a DNS answer pointing at a private address can be staged.
vi.mock("node:dns", () => ({
  lookup: (
    host: string,
    _options: unknown,
    callback: (error: Error | null, addresses: { address: string; family: number }[]) => void,
  ) => callback(null, [{ address: host === "rebound.example" ? "127.0.0.1" : "127.0.0.1", family: 4 }]),
}));
vi.mock("@/lib/config", () => ({ config: () => ({ CALLBACK_ALLOWED_PRIVATE_HOSTS: ["127.0.0.1"] }) }));

const { postJson } = await import("./post-json");

let server: http.Server;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    hits.push(request.url ?? "");
    if (request.url === "/moved") return void response.writeHead(302, { Location: "/elsewhere" }).end();
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("postJson", () => {
  it("does not follow redirects: a 3xx is the answer", async () => {
    hits.length = 0;
    const result = await postJson(`http://127.0.0.1:${port}/moved`, "token-123456", {});
    expect(result.statusCode).toBe(302);
    expect(hits).toEqual(["/moved"]);
  });

  it("refuses a private address given as an IP literal without connecting, as no lookup would see it", async () => {
    hits.length = 0;
    for (const url of [`https://127.0.0.2:${port}/x`, "https://169.254.169.254/latest", `https://[::1]:${port}/x`]) {
      const result = await postJson(url, "token-123456", {});
      expect(result).toMatchObject({ statusCode: null, error: expect.stringMatching(/public internet/) });
    }
    expect(hits).toEqual([]);
  });

  it("refuses a name whose DNS answer is a private address, and connects only to the address it checked", async () => {
    hits.length = 0;
    const result = await postJson(`https://rebound.example:${port}/x`, "token-123456", {});
    expect(result).toMatchObject({ statusCode: null, error: "rebound.example resolves to a private address" });
    expect(hits).toEqual([]);
  });
});
