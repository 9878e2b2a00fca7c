import { defineConfig } from "@playwright/test";
import { SERVER_NODE_FLAGS } from "./scripts/node-flags";

const port = Number(process.env.E2E_PORT ?? 3210);
// localhost, not 127.0.0.1: browsers refuse WebAuthn (security keys) on an IP address.
export const baseURL = `http://localhost:${port}`;
/** The journeys' stand-ins beside the server: the SNS signing certificate, and npm start's End User Messaging SMS stand-in. */
export const certificatePort = port + 1000;
export const smsStandInPort = port + 2000;

// One database per run, named once here; Playwright's workers inherit the environment.
process.env.E2E_DATABASE ??= `tidings_e2e_${Date.now().toString(36)}`;
process.env.E2E_SECRET_KEY ??= "end-to-end-tests-secret-key-0123456789abcdef";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  // Two cores: one browser at a time beside the server keeps timings honest.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium", viewport: { width: 1280, height: 900 } } }],
  webServer: {
    command: ["node", ...SERVER_NODE_FLAGS, "e2e/support/start-server.ts"].join(" "),
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // The test files import lib's server modules (fixtures write to the database), so `npm run test:e2e`
    // runs Playwright under the react-server condition; the server sets its own (scripts/node-flags.ts),
    // and `next build` must not inherit it.
    env: {
      PORT: String(port),
      PUBLIC_URL: baseURL,
      LOG_LEVEL: "warn",
      NODE_OPTIONS: "",
      SNS_TRUSTED_CERT_URL_PREFIXES: `http://127.0.0.1:${certificatePort}/certs/`,
      SMS_STAND_IN_PORT: String(smsStandInPort),
    },
  },
});
