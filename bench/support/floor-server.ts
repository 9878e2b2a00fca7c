// The floor of the HTTP benchmarks, in a process of its own as the web app is: a minimal Node HTTP
// server that does one INSERT per request and nothing else. Prints its port once listening.
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE) });
await pool.query(
  "CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
);
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    pool
      .query("INSERT INTO bench_floor (payload) VALUES ($1) RETURNING id", [Buffer.concat(chunks).toString() || "{}"])
      .then(
        (result) => {
          response.writeHead(201, { "Content-Type": "application/json" });
          response.end(JSON.stringify({ id: result.rows[0].id }));
        },
        () => response.writeHead(500).end(),
      );
  });
});
server.listen(0, "127.0.0.1", () => console.log((server.address() as AddressInfo).port));
process.once("SIGTERM", () => server.close(() => void pool.end()));
