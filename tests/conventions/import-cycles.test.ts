import { execSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { cycles, folderGraph, importGraph } from "./import-graph";

const sources = execSync(
  "git ls-files --cached --others --exclude-standard 'lib/**' 'app/**' 'components/**' 'workers/**'",
  {
    encoding: "utf8",
  },
)
  .split("\n")
  .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.startsWith("lib/generated/"));

describe("imports have no cycles", () => {
  const graph = importGraph(sources);

  it("between modules", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph)).toEqual([]);
  });

  it("between lib/ folders: each domain builds only on domains below it", () => {
    expect(cycles(folderGraph(graph))).toEqual([]);
  });
});
