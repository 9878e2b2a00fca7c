import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

describe("safeReturnPath", () => {
  it.each([
    ["/services", "/services"],
    ["/services/abc/templates?folder=1#top", "/services/abc/templates?folder=1#top"],
    ["/admin", "/admin"],
    ["/services/a%20b", "/services/a%20b"],
  ])("keeps the same-site path %j", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });

  it.each([
    // The example: ?callbackUrl=%2F%09%2Fevil.example arrives decoded as "/\t/evil.example".
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%09/evil.example",
    "/%252F%252Fevil.example",
    "/%25252F%25252Fevil.example",
    "/%E0%A4%A", // broken encoding
    "https://evil.example/services",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    " /services",
    "/services\u0000",
    "",
  ])("refuses %j", (input) => {
    expect(safeReturnPath(input)).toBe("/services");
  });

  it("refuses anything but one string", () => {
    expect(safeReturnPath(undefined)).toBe("/services");
    expect(safeReturnPath(["/admin", "//evil.example"])).toBe("/services");
  });
});
