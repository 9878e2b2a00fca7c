import { describe, expect, it } from "vitest";
import { routePatternOf, statusClassOf } from "./route-pattern";

describe("route patterns for metrics", () => {
  it("turns ids and variable segments into placeholders", () => {
    expect(routePatternOf("/v2/notifications/0190c3a4-7b6e-7d2a-9f3e-2b1c4d5e6f70?x=1", 200)).toBe(
      "/v2/notifications/[id]",
    );
    expect(routePatternOf("/v2/notifications/email", 201)).toBe("/v2/notifications/email");
    expect(routePatternOf("/services/0190c3a4-7b6e-7d2a-9f3e-2b1c4d5e6f70/templates/12", 200)).toBe(
      "/services/[id]/templates/[param]",
    );
    expect(routePatternOf("/", 200)).toBe("/");
    expect(routePatternOf("/_next/static/chunks/abc.js", 200)).toBe("/_next/*");
  });

  it("counts every path that matched nothing as one", () => {
    expect(routePatternOf("/wp-admin/setup.php", 404)).toBe("unmatched");
  });

  it("names status classes", () => {
    expect(statusClassOf(201)).toBe("2xx");
    expect(statusClassOf(429)).toBe("4xx");
    expect(statusClassOf(503)).toBe("5xx");
  });
});
