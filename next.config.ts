import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages with native or WebAssembly parts are loaded by Node, not bundled.
  serverExternalPackages: ["pg", "pg-boss", "pino", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  typescript: { ignoreBuildErrors: false },
  // forbidden() renders app/forbidden.tsx with a 403.
  experimental: { authInterrupts: true },
};

export default nextConfig;
