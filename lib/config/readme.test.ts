import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configSchema } from "./index";

describe("README configuration table", () => {
  it("documents every environment variable the configuration reads", () => {
    const readme = readFileSync("README.md", "utf8");
    const documented = new Set(
      [...readme.matchAll(/^\| (`[A-Z0-9_]+`(?:, `[A-Z0-9_]+`)*) \|/gm)].flatMap((match) =>
        match[1]!.split(", ").map((name) => name.replace(/`/g, "")),
      ),
    );
    expect(Object.keys(configSchema.shape).filter((key) => !documented.has(key))).toEqual([]);
  });
});
