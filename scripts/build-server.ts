// Part of `npm run build`: compiles the web server (with the API routes it serves directly), the
// worker (with its sending threads) and the CLI to JavaScript in dist/, so that production runs
// plain `node` rather than compiling TypeScript at run time. npm packages stay in node_modules.
import { readdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { DIRECT_PREFIXES } from "./direct-routes";

function routeFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return routeFiles(file);
    return entry.name === "route.ts" ? [file] : [];
  });
}

const started = performance.now();
await build({
  entryPoints: [
    { in: "scripts/web-server.ts", out: "web-server" },
    { in: "workers/index.ts", out: "worker" },
    // Beside the worker's chunks: lib/delivery/send-threads.ts starts it as ./send-thread.js.
    { in: "lib/delivery/send-thread.ts", out: "send-thread" },
    { in: "scripts/cli.ts", out: "cli" },
    ...DIRECT_PREFIXES.flatMap((prefix) => routeFiles(`app${prefix}`)).map((file) => ({
      in: file,
      out: file.replace(/\.ts$/, ""),
    })),
  ],
  outdir: "dist",
  bundle: true,
  // Shared chunks: the web server and the routes it loads share one copy of lib (one database pool).
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node24",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  // CommonJS packages that ESM code imports by name need `require`; the bundle gives it one.
  banner: {
    js: `import { createRequire as __tidingsRequire } from "node:module"; const require = __tidingsRequire(import.meta.url);`,
  },
});
console.log(
  `Built the web server, the worker and the CLI into dist/ in ${Math.round(performance.now() - started)} ms.`,
);
