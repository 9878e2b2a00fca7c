import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // lib's server modules say so with `import "server-only"`; tests run them on the server.
      { find: /^server-only$/, replacement: `${root}/node_modules/server-only/empty.js` },
    ],
  },
  test: {
    env: { LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "lib/**/*.test.ts",
            "workers/**/*.test.ts",
            "scripts/**/*.test.ts",
            "tests/conventions/**/*.test.ts",
            "deploy/**/*.test.ts",
          ],
          // `npm run deploy:synth` stages a copy of the repository there, tests included.
          exclude: [...configDefaults.exclude, "deploy/aws/cdk.out/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          // Tests change settings behind lib's back; the cache has unit tests of its own.
          // Workers started inside a test file send from their main thread (their sending threads would keep
          // the AWS settings of the first test); the crash and throttle tests run worker processes with threads.
          env: { SETTINGS_CACHE_SECONDS: "0", DELIVERY_SEND_THREADS: "0" },
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/template-database.ts"],
          setupFiles: ["tests/setup/test-database.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Two cores: more forks only queue on the CPU.
          maxWorkers: 2,
        },
      },
    ],
  },
});
