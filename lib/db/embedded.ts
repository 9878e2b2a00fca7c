import "server-only";
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedPostgres = { url: string; port: number; stop: () => Promise<void> };

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served over the wire protocol so the web app, the
 * worker and pg-boss connect to it like any server. For trying Tidings with nothing installed;
 * production uses DATABASE_URL.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  // Each process holds a pool; the socket server queues queries from all of them onto PGlite.
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port, maxConnections: 100 });
  await server.start();
  const boundPort = Number(server.getServerConn().split(":").pop());
  return {
    url: `postgresql://postgres@127.0.0.1:${boundPort}/postgres?sslmode=disable`,
    port: boundPort,
    stop: async () => {
      await server.stop();
      await pglite.close();
    },
  };
}
