import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type Dashboard = { uid: string; panels: { title: string; targets: { expr: string }[] }[] };

const dashboard = JSON.parse(readFileSync("deploy/grafana/tidings-dashboard.json", "utf8")) as Dashboard;
const families = [...readFileSync("lib/metrics/metrics.ts", "utf8").matchAll(/name: "(tidings_[a-z_]+)"/g)].map(
  (match) => match[1]!,
);

describe("the Grafana dashboard", () => {
  it("shows every metric family Tidings exposes", () => {
    const expressions = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)).join("\n");
    expect(families.length).toBeGreaterThan(10);
    expect(families.filter((family) => !expressions.includes(family))).toEqual([]);
  });

  it("gives every panel a title and a query", () => {
    expect(dashboard.uid).toBe("tidings");
    for (const panel of dashboard.panels) {
      expect(panel.title).not.toBe("");
      expect(panel.targets.length).toBeGreaterThan(0);
    }
  });
});
