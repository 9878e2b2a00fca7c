import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/**
 * Where Prisma keeps migrations: prisma/migrations/<timestamp>_<name>/migration.sql.
 * @internal Exported for its tests.
 */
export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// Any fixed number works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK_ID = 72_616_405;

// Prisma's own table, column for column, so `prisma migrate deploy` accepts what this runner applied.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

type MigrationFile = { name: string; sql: string; checksum: string };

class MigrationError extends Error {
  override name = "MigrationError";
}

/**
 * SHA-256 of the script, as Prisma computes it.
 * @internal Exported for its tests.
 */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

// Prisma accepts a script whose line endings git changed since it was applied.
function matchesChecksum(sql: string, checksum: string): boolean {
  return [sql, sql.replace(/\r\n/g, "\n"), sql.replace(/\r?\n/g, "\r\n")].some(
    (variant) => migrationChecksum(variant) === checksum,
  );
}

/** @internal Exported for its tests. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: migrationChecksum(sql) };
    }),
  );
}

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export type MigrateResult = { applied: string[]; alreadyApplied: string[]; unknownInDatabase: string[] };

/**
 * Applies pending migrations in name order, each in its own transaction, recording them in
 * `_prisma_migrations`. Holds an advisory lock for the whole run so that several instances
 * starting at once apply each migration exactly once. Refuses to run if an applied migration's
 * file has changed since, or if an earlier run left a failed migration behind.
 */
export async function migrate(databaseUrl: string, options: { dir?: string } = {}): Promise<MigrateResult> {
  const migrations = await readMigrations(options.dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
      );
      const applied = new Map(rows.map((row) => [row.migration_name, row]));
      checkHistory(migrations, applied);

      const result: MigrateResult = {
        applied: [],
        alreadyApplied: migrations
          .filter((migration) => applied.has(migration.name))
          .map((migration) => migration.name),
        unknownInDatabase: [...applied.keys()].filter(
          (name) => !migrations.some((migration) => migration.name === name),
        ),
      };
      for (const migration of migrations.filter((candidate) => !applied.has(candidate.name))) {
        await applyOne(client, migration);
        result.applied.push(migration.name);
      }
      return result;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
    }
  } finally {
    await client.end();
  }
}

/** The names of the migrations applied to a database, in order (none when it has no migrations table). */
export async function appliedMigrations(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    return rows.map((row) => row.migration_name);
  } catch (error) {
    if ((error as { code?: string }).code === "42P01") return [];
    throw error;
  } finally {
    await client.end();
  }
}

/** The last migration applied to a database: its schema's level. */
export async function latestMigration(databaseUrl: string): Promise<string | null> {
  return (await appliedMigrations(databaseUrl)).at(-1) ?? null;
}

function checkHistory(migrations: MigrationFile[], applied: Map<string, AppliedRow>): void {
  for (const row of applied.values()) {
    if (row.finished_at === null) {
      throw new MigrationError(
        `Migration ${row.migration_name} failed in an earlier run and was not rolled back. Fix the database, then mark it with \`prisma migrate resolve\` or delete its row from _prisma_migrations.`,
      );
    }
  }
  for (const migration of migrations) {
    const row = applied.get(migration.name);
    if (row && !matchesChecksum(migration.sql, row.checksum)) {
      throw new MigrationError(
        `Migration ${migration.name} was edited after it was applied (checksum ${migration.checksum} ≠ ${row.checksum}). Restore the file and add a new migration instead.`,
      );
    }
  }
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  await client.query("BEGIN");
  try {
    const startedAt = new Date();
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, NULL, $4, 1)`,
      [randomUUID(), migration.checksum, migration.name, startedAt],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`);
  }
}
