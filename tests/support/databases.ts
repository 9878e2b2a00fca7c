import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { readMigrations } from "@/lib/db/migrations";
import { allQueues } from "@/lib/queue/queues";

/** The server the tests use; each test file gets a database of its own on it. */
export const SERVER_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function databaseUrl(database: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(name: string): Promise<boolean> {
  return onServer(
    async (client) => (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1,
  );
}

export async function createDatabase(name: string, template?: string): Promise<string> {
  await onServer((client) => client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

/**
 * Named after the migrations, pg-boss's version and the queues it holds, so a changed schema or a
 * new queue builds a new template.
 */
export async function templateDatabaseName(): Promise<string> {
  const hash = createHash("sha256");
  for (const migration of await readMigrations()) hash.update(migration.name).update(migration.checksum);
  hash.update((await import("pg-boss/package.json", { with: { type: "json" } })).default.version);
  for (const queue of allQueues) hash.update(queue.name);
  return `tidings_template_${hash.digest("hex").slice(0, 12)}`;
}
