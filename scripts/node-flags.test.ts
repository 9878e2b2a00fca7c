import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WEB_HEAP_FLAGS, WORKER_HEAP_FLAGS } from "./node-flags";

const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;

describe("the processes' heap flags", () => {
  it("are the ones `npm run start:worker` (and so the Docker image) starts the worker with", () => {
    expect(scripts["start:worker"]).toBe(
      `node --conditions=react-server ${WORKER_HEAP_FLAGS.join(" ")} dist/worker.js`,
    );
  });

  it("leave the worker's young generation to each isolate: a semi-space flag would override the sending threads' own", () => {
    expect(WORKER_HEAP_FLAGS.some((flag) => flag.startsWith("--max-semi-space-size"))).toBe(false);
    expect(readFileSync("lib/delivery/send-threads.ts", "utf8")).toMatch(
      /resourceLimits: \{ maxYoungGenerationSizeMb: \d+ \}/,
    );
  });

  it("are the ones `npm run start:web` (and so the Docker image) starts the web server with", () => {
    expect(scripts["start:web"]).toBe(`node --conditions=react-server ${WEB_HEAP_FLAGS.join(" ")} dist/web-server.js`);
  });
});
