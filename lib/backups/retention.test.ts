import { describe, expect, it } from "vitest";
import { backupsToKeep } from "./retention";

const id = (day: string, time = "020000") => `${day}T${time}Z`;

describe("backup retention", () => {
  it("keeps the newest backup of each of the last N days", () => {
    const ids = [id("2026-11-28"), id("2026-11-29"), id("2026-11-30"), id("2026-11-30", "153000"), id("2026-12-01")];
    expect([...backupsToKeep(ids, 2, 0)].sort()).toEqual([id("2026-11-30", "153000"), id("2026-12-01")]);
  });

  it("keeps the newest of each of the last M weeks beyond the daily ones", () => {
    // Daily backups for five weeks: Mondays 2026-11-02 … the last is Sunday 2026-12-06.
    const days = Array.from({ length: 35 }, (_, index) =>
      new Date(Date.UTC(2026, 10, 2 + index)).toISOString().slice(0, 10),
    );
    const keep = [
      ...backupsToKeep(
        days.map((day) => id(day)),
        3,
        4,
      ),
    ].sort();
    expect(keep).toEqual([
      id("2026-11-15"), // Sunday of the week of 9 November
      id("2026-11-22"),
      id("2026-11-29"),
      id("2026-12-04"),
      id("2026-12-05"),
      id("2026-12-06"),
    ]);
  });

  it("keeps everything when there are fewer backups than the limits", () => {
    expect(backupsToKeep([id("2026-12-01")], 14, 8)).toEqual(new Set([id("2026-12-01")]));
  });
});
