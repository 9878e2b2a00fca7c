import { describe, expect, it } from "vitest";
import { formatApiKey, parseApiKey } from "./key-string";

const serviceId = "6f2b9c1e-4d3a-4b7e-8f10-2a3b4c5d6e7f";
const secret = "0f1e2d3c-4b5a-4978-8675-a4b3c2d1e0f9";

describe("API key strings", () => {
  it("have Notify's shape, which the official clients split from the right", () => {
    const key = formatApiKey("My Key", serviceId, secret);
    expect(key).toBe(`my_key-${serviceId}-${secret}`);
    // notifications-python-client: service_id = key[-73:-37], secret = key[-36:]
    expect(key.slice(-73, -37)).toBe(serviceId);
    expect(key.slice(-36)).toBe(secret);
    expect(parseApiKey(key)).toEqual({ serviceId, secret });
  });

  it("make names email-safe, as Notify does", () => {
    expect(formatApiKey("  Café  Réservations (prod)! ", serviceId, secret).split(`-${serviceId}`)[0]).toBe(
      "cafe_reservations_prod",
    );
  });

  it("reject strings too short to hold a service id and secret", () => {
    expect(parseApiKey("short")).toBeNull();
  });
});
