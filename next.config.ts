import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages with native or WebAssembly parts are loaded by Node, not bundled.
  serverExternalPackages: ["pg", "pg-boss", "pino", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  typescript: { ignoreBuildErrors: false },
  // forbidden() renders app/forbidden.tsx with a 403.
  // Mailing list imports uploaded through the web app (without JavaScript) arrive in a server action
  // (spreadsheets of recipients go to a route handler that streams them: proxy.ts).
  // Each page's modules are loaded when it is first asked for, not all at start: the web process
  // idles about 30 MB smaller (151 against 180 MB measured), and a web process that serves only
  // the API never loads the console's pages at all.
  experimental: { authInterrupts: true, preloadEntriesOnStart: false, serverActions: { bodySizeLimit: "100mb" } },
};

export default nextConfig;
