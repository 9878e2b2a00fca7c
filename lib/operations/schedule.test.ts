import { describe, expect, it } from "vitest";
import { nextRunOf, periodOf } from "./schedule";

const HOUR = 3_600_000;

describe("schedules", () => {
  it("finds the next run in the schedule's time zone", () => {
    // 02:00 in London is 01:00 UTC in summer.
    expect(nextRunOf("0 2 * * *", "Europe/London", new Date("2026-07-01T12:00:00Z")).toISOString()).toBe(
      "2026-07-02T01:00:00.000Z",
    );
    expect(nextRunOf("*/15 * * * *", "UTC", new Date("2026-07-01T12:01:00Z")).toISOString()).toBe(
      "2026-07-01T12:15:00.000Z",
    );
  });

  it("takes the longest gap between runs as the period", () => {
    expect(periodOf("*/15 * * * *", "UTC", new Date("2026-07-01T12:00:00Z"))).toBe(HOUR / 4);
    expect(periodOf("30 1 * * *", "UTC", new Date("2026-07-01T12:00:00Z"))).toBe(24 * HOUR);
    // Weekdays only: Friday to Monday.
    expect(periodOf("0 6 * * 1-5", "UTC", new Date("2026-07-01T12:00:00Z"))).toBe(72 * HOUR);
  });
});
