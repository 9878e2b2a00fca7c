import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { migrate } from "@/lib/db/migrations";
import { installJobQueues } from "@/lib/queue/boss";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../../tests/support/databases";
import { BUILT_NODE_FLAGS, SERVER_NODE_FLAGS, WEB_HEAP_FLAGS } from "../../scripts/node-flags";
import { startBuilt } from "../../tests/support/processes";

const BENCH_SECRET_KEY = "benchmark-secret-key-0123456789abcdefghij";

/** A migrated database of its own for one benchmark run. */
export async function benchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = uniqueDatabaseName("tidings_bench");
  const url = await createDatabase(name);
  process.env.DATABASE_URL = url;
  process.env.SECRET_KEY = BENCH_SECRET_KEY;
  process.env.LOG_LEVEL = "warn";
  await migrate(url);
  await installJobQueues(url);
  return { url, drop: () => dropDatabase(name) };
}

const run = (args: string[]) =>
  new Promise<void>((resolve, reject) =>
    spawn(process.execPath, args, { stdio: "inherit" }).once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error("build failed")),
    ),
  );

let serverBuild: Promise<void> | undefined;
/** Compiles the web server and the worker into dist/ from the current sources, once per benchmark run. */
const buildServer = () => (serverBuild ??= run([...SERVER_NODE_FLAGS, "scripts/build-server.ts"]));

/** BENCH_CPU_PROFILE=dir writes a CPU profile of each web and worker process (and thread) there. */
const profileFlags = () =>
  process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];

/** The production worker (`npm run start:worker`): the build in dist/, with its heap flags. */
export async function startBuiltWorker(env: Record<string, string>): Promise<ChildProcessWithoutNullStreams> {
  await buildServer();
  return startBuilt("dist/worker.js", env, profileFlags());
}

/** The production web server (`npm run start:web`), built first if there is no build. */
export async function startWebApp(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const next = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) await run([next, "build"]);
  await buildServer();
  const child = spawn(
    process.execPath,
    [...profileFlags(), ...BUILT_NODE_FLAGS, ...WEB_HEAP_FLAGS, "dist/web-server.js"],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, ...env, PORT: String(port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      // A request that reaches the server while it is still starting may never be answered.
      const health = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (health.status < 500) return child;
    } catch {
      // starting
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error("web app did not start");
}

/**
 * The floor: a minimal Node HTTP server that does one INSERT per request and nothing else, with
 * the same pool size as the app, in its own process as the app is (so that neither shares a core's
 * event loop with the load generator). The app cannot be faster than this on the same machine.
 */
export async function startFloorServer(
  databaseUrl: string,
  poolSize: number,
): Promise<{ url: string; close: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/support/floor-server.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(poolSize) },
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once("exit", () => reject(new Error("floor server did not start")));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => child.once("exit", () => resolve()).kill("SIGTERM")),
  };
}

export type LoadResult = {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
};

export async function load(options: {
  url: string;
  body: string;
  headers: () => Record<string, string>;
  connections: number;
  seconds: number;
  expectStatus: number;
  /** Requests a second across all connections; as fast as answers come when unset. */
  ratePerSecond?: number;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: "POST",
    connections: options.connections,
    duration: options.seconds,
    ...(options.ratePerSecond ? { overallRate: options.ratePerSecond } : {}),
    body: options.body,
    headers: { "Content-Type": "application/json" },
    setupClient: (client) => {
      // Fresh headers per request: API tokens are only valid for 30 seconds.
      client.on("response", () => client.setHeaders({ "Content-Type": "application/json", ...options.headers() }));
      client.setHeaders({ "Content-Type": "application/json", ...options.headers() });
    },
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

/** POSTs each body once, `connections` at a time, and measures as `load` does. */
export async function loadEach(options: {
  url: string;
  bodies: string[];
  connections: number;
  expectStatus: number;
}): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: options.url,
    method: "POST",
    connections: options.connections,
    amount: options.bodies.length,
    // autocannon notices that a run of a fixed amount is over only at its sampling tick (once a
    // second by default), and its duration counts to that tick: two runs were put down as 4.01 s
    // and 7.01 s. A short tick makes the duration, and so the rate, the run's own.
    sampleInt: 50,
    headers: { "Content-Type": "text/plain; charset=UTF-8" },
    requests: [{ setupRequest: (request) => ({ ...request, body: options.bodies[next++ % options.bodies.length] }) }],
  });
  return {
    requestsPerSecond: Math.round(result.requests.total / (result.duration || 1)),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

/** The run with the median throughput. */
export function median(results: LoadResult[]): LoadResult {
  return [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(results.length / 2)]!;
}

export function report(rows: Record<string, LoadResult>): void {
  console.table(
    Object.fromEntries(
      Object.entries(rows).map(([name, row]) => [
        name,
        {
          "req/s": row.requestsPerSecond,
          "p50 ms": row.p50,
          "p99 ms": row.p99,
          "non-2xx": row.non2xx,
          errors: row.errors,
          requests: row.total,
        },
      ]),
    ),
  );
}
