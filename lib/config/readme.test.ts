import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configSchema } from "./index";

const readme = readFileSync("README.md", "utf8");
const documented = new Set(
  [...readme.matchAll(/^\| (`[A-Z0-9_]+`(?:, `[A-Z0-9_]+`)*) \|/gm)].flatMap((match) =>
    match[1]!.split(", ").map((name) => name.replace(/`/g, "")),
  ),
);

describe("README configuration table", () => {
  it("documents every environment variable the configuration reads", () => {
    expect(Object.keys(configSchema.shape).filter((key) => !documented.has(key))).toEqual([]);
  });

  it("documents every environment variable the Docker image's entry point reads", () => {
    const script = readFileSync("deploy/docker/entrypoint.sh", "utf8");
    // `${NAME…}` in the shell, and the names its `encoded` helper reads from Node's process.env.
    const read = new Set(
      [...script.matchAll(/\$\{([A-Z][A-Z0-9_]*)|\bencoded ([A-Z][A-Z0-9_]*)/g)].map((match) => match[1] ?? match[2]!),
    );
    expect([...read]).toEqual(expect.arrayContaining(["DATABASE_HOST", "DATABASE_PASSWORD"]));
    expect([...read].filter((name) => !documented.has(name))).toEqual([]);
  });
});
