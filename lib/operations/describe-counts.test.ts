import { describe, expect, it } from "vitest";
import { count } from "./describe-counts";

describe("count", () => {
  it("says one thing or many, with thousands separated", () => {
    expect(count(1, "notification")).toBe("1 notification");
    expect(count(12403, "notification")).toBe("12,403 notifications");
    expect(count(0, "API log entry", "API log entries")).toBe("0 API log entries");
  });
});
