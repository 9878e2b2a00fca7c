import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importGraph } from "./import-graph";
import { libSourceFiles } from "./source-files";

/**
 * lib/ modules a browser bundle may contain (client components import them): pure code with no
 * secrets, no database and no Node built-ins. Every other lib module starts with
 * `import "server-only"`, so a client component that pulls one in fails the build.
 */
const SHARED_WITH_BROWSER = new Set([
  "lib/errors/index.ts",
  "lib/http/form-state.ts",
  "lib/templates/editor-preview.ts",
  "lib/templates/email-branding.ts",
  "lib/templates/email-markdown.ts",
  "lib/templates/placeholders.ts",
  "lib/templates/remember-by-text.ts",
  "lib/templates/render.ts",
  "lib/templates/sms.ts",
  "lib/templates/whitespace.ts",
]);

const marksServerOnly = (file: string) => /^import "server-only";$/m.test(readFileSync(file, "utf8"));

// Value imports only: a type import is erased and never reaches a bundle.
const VALUE_IMPORT = /(?:^|\n)import\s+(?!type\s)([^;]*?)\s+from\s+"(@\/lib\/[^"]+|\.[^"]*)"/g;

describe("server modules say so", () => {
  const lib = libSourceFiles();

  it('marks every lib module but those shared with the browser with import "server-only"', () => {
    const unmarked = lib.filter((file) => !SHARED_WITH_BROWSER.has(file) && !marksServerOnly(file));
    expect(unmarked).toEqual([]);
    expect([...SHARED_WITH_BROWSER].filter((file) => marksServerOnly(file) || !lib.includes(file))).toEqual([]);
  });

  it("lets modules shared with the browser import only each other", () => {
    const graph = importGraph([...SHARED_WITH_BROWSER]);
    const leaks = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((target) => target.startsWith("lib/") && !SHARED_WITH_BROWSER.has(target))
        .map((t) => `${file} → ${t}`),
    );
    expect(leaks).toEqual([]);
  });

  it("lets client components import from lib only what is shared with the browser", () => {
    const clientComponents = execSync("git ls-files 'app/**/*.tsx' 'components/**/*.tsx'", { encoding: "utf8" })
      .split("\n")
      .filter((file) => file && /^["']use client["']/.test(readFileSync(file, "utf8").trimStart()));
    expect(clientComponents.length).toBeGreaterThan(5);
    const leaks = clientComponents.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(VALUE_IMPORT)]
        .filter((match) => !/^\{(\s*type\s+\w+\s*,?)+\}$/.test(match[1]!.trim()))
        .map((match) => `${match[2]!.replace(/^@\//, "")}.ts`)
        .filter((target) => target.startsWith("lib/") && !SHARED_WITH_BROWSER.has(target))
        .map((target) => `${file} → ${target}`),
    );
    expect(leaks).toEqual([]);
  });
});
