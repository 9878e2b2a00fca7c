import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { BUILT_NODE_FLAGS, SERVER_NODE_FLAGS, WEB_HEAP_FLAGS, WORKER_HEAP_FLAGS } from "../../scripts/node-flags";

/** The worker and the web server run with their heap flags, as `npm run start:worker` and `start:web` do. */
const heapFlagsOf = (entry: string) =>
  entry === "workers/index.ts" || entry === "dist/worker.js"
    ? WORKER_HEAP_FLAGS
    : entry === "scripts/web-server.ts" || entry === "dist/web-server.js"
      ? WEB_HEAP_FLAGS
      : [];

export type RunResult = { code: number | null; stdout: string; stderr: string };

/** Runs a TypeScript entry point of the project the way npm scripts do (Node 24 + tsx). */
export function runScript(
  script: string,
  args: string[] = [],
  env: Record<string, string | undefined> = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = startScript(script, args, env);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

export function startScript(
  script: string,
  args: string[] = [],
  env: Record<string, string | undefined> = {},
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [...SERVER_NODE_FLAGS, ...heapFlagsOf(script), script, ...args], {
    env: { ...process.env, ...env },
    stdio: "pipe",
  });
}

/** Runs a compiled entry point from dist/ with plain node, as production does. */
export function startBuilt(
  file: string,
  env: Record<string, string | undefined> = {},
  nodeFlags: string[] = [],
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [...nodeFlags, ...BUILT_NODE_FLAGS, ...heapFlagsOf(file), file], {
    env: { ...process.env, ...env },
    stdio: "pipe",
  });
}

/**
 * Resolves with everything printed so far once `pattern` appears on stdout or stderr. Then it stops
 * keeping the output but still reads it, so that a chatty process never blocks on a full pipe.
 */
export function waitForOutput(
  child: ChildProcessWithoutNullStreams,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`Timed out waiting for ${pattern}; output so far:\n${seen}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        child.stdout.off("data", onData).resume();
        child.stderr.off("data", onData).resume();
        resolve(seen);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (!pattern.test(seen)) reject(new Error(`Exited with ${code} before ${pattern}; output:\n${seen}`));
    });
  });
}

/** The child's exit code once it has exited (null when a signal ended it), at once if it already has. */
export function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const exited = child.exitCode !== null || child.signalCode !== null;
  return new Promise((resolve) => (exited ? resolve(child.exitCode) : child.once("exit", resolve)));
}
