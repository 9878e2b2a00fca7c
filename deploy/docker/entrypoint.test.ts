// The image's entry point, run in a stand-in application whose npm scripts report how they were run.
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const ROLE_SCRIPTS = { web: "start:web", worker: "start:worker", migrate: "db:migrate", cli: "cli" } as const;

/** An /app with the entry point, a package.json of `scripts`, and a `report` command in node_modules/.bin. */
function standInApp(scripts: Record<string, string>): string {
  const app = mkdtempSync(path.join(tmpdir(), "tidings-entrypoint-"));
  mkdirSync(path.join(app, "deploy/docker"), { recursive: true });
  copyFileSync(path.join(root, "deploy/docker/entrypoint.sh"), path.join(app, "deploy/docker/entrypoint.sh"));
  writeFileSync(path.join(app, "package.json"), JSON.stringify({ scripts }));
  mkdirSync(path.join(app, "node_modules/.bin"), { recursive: true });
  const report = path.join(app, "node_modules/.bin/report");
  writeFileSync(
    report,
    `#!/usr/bin/env node
console.log(JSON.stringify({
  args: process.argv.slice(2),
  pid: process.pid,
  cwd: process.cwd(),
  databaseUrl: process.env.DATABASE_URL ?? null,
  password: process.env.DATABASE_PASSWORD ?? null,
}));
`,
  );
  chmodSync(report, 0o755);
  return app;
}

const app = standInApp(
  Object.fromEntries(Object.values(ROLE_SCRIPTS).map((script) => [script, `report ${script} --from-package-json`])),
);

type Report = { args: string[]; pid: number; cwd: string; databaseUrl: string | null; password: string | null };

function run(args: string[], env: Record<string, string> = {}, inApp = app) {
  // Started from elsewhere: the entry point finds the application beside itself.
  const result = spawnSync("sh", [path.join(inApp, "deploy/docker/entrypoint.sh"), ...args], {
    cwd: tmpdir(),
    encoding: "utf8",
    env: { NODE_ENV: "test", PATH: process.env.PATH, ...env },
  });
  const report = result.stdout ? (JSON.parse(result.stdout) as Report) : null;
  return { status: result.status, stderr: result.stderr, pid: result.pid, report };
}

describe("the image's entry point", () => {
  it.each(Object.entries(ROLE_SCRIPTS))("runs %s as the npm script %s", (role, script) => {
    const { report } = run([role]);
    expect(report?.args).toEqual([script, "--from-package-json"]);
    expect(report?.cwd).toBe(app);
  });

  it("becomes the script's process, so that SIGTERM reaches Tidings and not a shell or npm", () => {
    const result = run(["worker"]);
    expect(result.report?.pid).toBe(result.pid);
  });

  it("passes a cli command and its options on", () => {
    const { report } = run(["cli", "create-user", "--platform-admin", "--name", "Ada Lovelace"]);
    expect(report?.args).toEqual([
      "cli",
      "--from-package-json",
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

  it("refuses a script it cannot run in place of itself", () => {
    const composite = standInApp({ "start:web": "report one && report two" });
    const result = run(["web"], {}, composite);
    expect(result.status).toBe(70);
    expect(result.stderr).toContain("The npm script start:web must be one command");
    expect(run(["worker"], {}, composite).status).toBe(70);
  });

  it("can run the project's own scripts for each role", () => {
    const { scripts } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    for (const script of Object.values(ROLE_SCRIPTS)) {
      expect(scripts[script], script).toMatch(/^[^&;|]+$/);
    }
  });

  it("builds DATABASE_URL from separate credentials, encoding them", () => {
    const { report } = run(["migrate"], {
      DATABASE_HOST: "db.internal",
      DATABASE_PORT: "6432",
      DATABASE_NAME: "tidings",
      DATABASE_USER: "tidings",
      DATABASE_PASSWORD: "p@ss:w/rd?#%",
      DATABASE_URL_PARAMETERS: "sslmode=verify-full&sslrootcert=/etc/ssl/certs/rds-global-bundle.pem",
    });
    expect(report?.databaseUrl).toBe(
      "postgresql://tidings:p%40ss%3Aw%2Frd%3F%23%25@db.internal:6432/tidings?sslmode=verify-full&sslrootcert=/etc/ssl/certs/rds-global-bundle.pem",
    );
    expect(decodeURIComponent(new URL(report!.databaseUrl!).password)).toBe("p@ss:w/rd?#%");
    // The password lives on only inside the URL.
    expect(report?.password).toBeNull();
  });

  it("leaves a given DATABASE_URL alone", () => {
    const databaseUrl = "postgresql://postgres@127.0.0.1:5432/tidings";
    expect(run(["web"], { DATABASE_URL: databaseUrl, DATABASE_HOST: "elsewhere" }).report?.databaseUrl).toBe(
      databaseUrl,
    );
    expect(run(["web"]).report?.databaseUrl).toBeNull();
  });
});
