import { describe, expect, it } from "vitest";
import { estimatedFinish } from "./campaign-progress";

const now = new Date("2026-03-01T12:00:00.000Z");

describe("a campaign's estimated finish", () => {
  it("is the remaining recipients at the current rate from now", () => {
    expect(estimatedFinish(1_000, 50, now)).toEqual(new Date("2026-03-01T12:00:20.000Z"));
    expect(estimatedFinish(50_000, 200, now)).toEqual(new Date("2026-03-01T12:04:10.000Z"));
    expect(estimatedFinish(1, 4, now)).toEqual(new Date("2026-03-01T12:00:00.250Z"));
  });

  it("is unknown when nothing is moving, and there is none once everyone has been sent", () => {
    expect(estimatedFinish(1_000, 0, now)).toBeNull();
    expect(estimatedFinish(0, 50, now)).toBeNull();
    expect(estimatedFinish(-3, 50, now)).toBeNull();
  });
});
