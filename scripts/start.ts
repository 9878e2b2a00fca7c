// `npm start`: everything Tidings needs in one command. Builds the web app if its sources changed,
// applies migrations, starts the web app and the worker, and prints where to go.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, statSync, readdirSync } from "node:fs";
import path from "node:path";
import { firstRunInstructions } from "@/lib/users/setup";
import { configOrExit } from "@/lib/config";
import { closeConnections } from "@/lib/process/close-connections";
import { migrate } from "@/lib/db/migrations";
import { installJobQueues } from "@/lib/queue/boss";
import { prepareLocalEnvironment } from "./local-environment";
import { BUILT_NODE_FLAGS, SERVER_NODE_FLAGS, WEB_HEAP_FLAGS, WORKER_HEAP_FLAGS } from "./node-flags";

const ROOT = process.cwd();
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "prisma/schema.prisma",
];
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

async function main(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  const local = await prepareLocalEnvironment({ embeddedPort: Number(process.env.EMBEDDED_DATABASE_PORT ?? 0) });
  const settings = configOrExit("Tidings");
  process.env.NEXTAUTH_URL ??= settings.publicUrl;
  console.log(
    local.embedded
      ? `Using the embedded PostgreSQL database in .data/ (set DATABASE_URL to use a server).`
      : "Using the database at DATABASE_URL.",
  );

  const migrated = await migrate(settings.DATABASE_URL);
  await installJobQueues(settings.DATABASE_URL);
  console.log(
    migrated.applied.length ? `Applied migrations: ${migrated.applied.join(", ")}` : "Database schema is up to date.",
  );

  if (needsBuild()) {
    console.log("Building the web app (first start, or the sources changed)…");
    await runToCompletion(process.execPath, [NEXT_BIN, "build"]);
  }
  // The web server and the worker run as the production build does: plain JavaScript (a second or so).
  await runToCompletion(process.execPath, [...SERVER_NODE_FLAGS, "scripts/build-server.ts"]);

  const children: ChildProcess[] = [];
  const stopAll = async (exitCode: number) => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.all(
      children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : null)),
    );
    await closeConnections();
    await local.stop();
    process.exit(exitCode);
  };
  let stopping = false;
  const onChildExit = (name: string) => (code: number | null) => {
    if (stopping) return;
    stopping = true;
    console.error(`The ${name} stopped unexpectedly (exit code ${code}); stopping Tidings.`);
    void stopAll(1);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log("Stopping Tidings…");
      void stopAll(0);
    });
  }

  const web = spawn(process.execPath, [...BUILT_NODE_FLAGS, ...WEB_HEAP_FLAGS, "dist/web-server.js"], {
    stdio: "inherit",
    env: process.env,
  });
  web.once("exit", onChildExit("web app"));
  children.push(web);
  const worker = spawn(process.execPath, [...BUILT_NODE_FLAGS, ...WORKER_HEAP_FLAGS, "dist/worker.js"], {
    stdio: "inherit",
    env: process.env,
  });
  worker.once("exit", onChildExit("worker"));
  children.push(worker);

  await waitForHealth(`http://127.0.0.1:${settings.PORT}/api/health`);
  console.log(`\nTidings is running at ${settings.publicUrl}\n`);

  const instructions = await firstRunInstructions();
  if (instructions) console.log(`${instructions}\n`);
}

function needsBuild(): boolean {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return BUILD_INPUTS.some((input) => newestChange(path.join(ROOT, input)) > builtAt);
}

function newestChange(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target, { withFileTypes: true }).reduce(
    (newest, entry) => Math.max(newest, newestChange(path.join(target, entry.name))),
    stat.mtimeMs,
  );
}

function runToCompletion(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: process.env });
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`${path.basename(args[0] ?? command)} ${args.slice(1).join(" ")} failed with exit code ${code}`),
          ),
    );
  });
}

async function waitForHealth(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The web app did not answer ${url} within ${timeoutMs / 1000} seconds`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
