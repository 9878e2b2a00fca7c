// The image's entry point, run with a stand-in `npm` that reports how it was called.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const entrypoint = path.join(root, "deploy/docker/entrypoint.sh");
const scripts = (
  JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }
).scripts;

const fakeBin = mkdtempSync(path.join(tmpdir(), "tidings-entrypoint-"));
writeFileSync(
  path.join(fakeBin, "npm"),
  `#!/bin/sh\nnode -e 'console.log(JSON.stringify({ args: process.argv.slice(1), databaseUrl: process.env.DATABASE_URL ?? null, password: process.env.DATABASE_PASSWORD ?? null }))' -- "$@"\n`,
);
chmodSync(path.join(fakeBin, "npm"), 0o755);

type Call = { args: string[]; databaseUrl: string | null; password: string | null };

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync("sh", [entrypoint, ...args], {
    encoding: "utf8",
    env: { NODE_ENV: "test", PATH: `${fakeBin}:${process.env.PATH}`, ...env },
  });
  return {
    status: result.status,
    stderr: result.stderr,
    call: result.stdout ? (JSON.parse(result.stdout) as Call) : null,
  };
}

describe("the image's entry point", () => {
  it.each([
    ["web", "start:web"],
    ["worker", "start:worker"],
    ["migrate", "db:migrate"],
  ])("runs %s as the npm script %s", (role, script) => {
    expect(scripts[script]).toBeDefined();
    expect(run([role]).call?.args).toEqual(["run", "--silent", script]);
  });

  it("passes a cli command and its options to the command line", () => {
    expect(scripts.cli).toBeDefined();
    const { call } = run(["cli", "create-user", "--platform-admin", "--name", "Ada Lovelace"]);
    expect(call?.args).toEqual([
      "run",
      "--silent",
      "cli",
      "--",
      "create-user",
      "--platform-admin",
      "--name",
      "Ada Lovelace",
    ]);
  });

  it("refuses an unknown role", () => {
    const result = run(["serve"]);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain("Usage: web | worker | migrate | cli");
    expect(run([]).status).toBe(64);
  });

  it("builds DATABASE_URL from separate credentials, encoding them", () => {
    const { call } = run(["migrate"], {
      DATABASE_HOST: "db.internal",
      DATABASE_PORT: "6432",
      DATABASE_NAME: "tidings",
      DATABASE_USER: "tidings",
      DATABASE_PASSWORD: "p@ss:w/rd?#%",
      DATABASE_URL_PARAMETERS: "sslmode=verify-full&sslrootcert=/etc/ssl/certs/rds-global-bundle.pem",
    });
    expect(call?.databaseUrl).toBe(
      "postgresql://tidings:p%40ss%3Aw%2Frd%3F%23%25@db.internal:6432/tidings?sslmode=verify-full&sslrootcert=/etc/ssl/certs/rds-global-bundle.pem",
    );
    const parsed = new URL(call!.databaseUrl!);
    expect(decodeURIComponent(parsed.password)).toBe("p@ss:w/rd?#%");
    // The password lives on only inside the URL.
    expect(call?.password).toBeNull();
  });

  it("leaves a given DATABASE_URL alone", () => {
    const databaseUrl = "postgresql://postgres@127.0.0.1:5432/tidings";
    expect(run(["web"], { DATABASE_URL: databaseUrl, DATABASE_HOST: "elsewhere" }).call?.databaseUrl).toBe(databaseUrl);
    expect(run(["web"]).call?.databaseUrl).toBeNull();
  });
});
