import { cp, mkdtemp, mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, migrationChecksum, readMigrations } from "@/lib/db/migrations";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../support/databases";

const created: string[] = [];
async function emptyDatabase(): Promise<string> {
  const name = uniqueDatabaseName("tidings_migrations");
  created.push(name);
  return createDatabase(name);
}
afterAll(async () => {
  for (const name of created) await dropDatabase(name);
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function copyOfMigrations(): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), "tidings-migrations-")), "migrations");
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

describe("migration runner", () => {
  it("applies every migration once, recording Prisma's checksums", async () => {
    const url = await emptyDatabase();
    const migrations = await readMigrations();
    const first = await migrate(url);
    expect(first.applied).toEqual(migrations.map((migration) => migration.name));

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(migrations.map((migration) => migration.name));
    for (const [index, row] of rows.entries()) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"), "utf8");
      expect(row.checksum).toBe(migrationChecksum(sql));
      expect(row.checksum).toBe(migrations[index]?.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }

    const second = await migrate(url);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toHaveLength(migrations.length);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await migrate(url, { dir });
    const [firstName] = (await readMigrations(dir)).map((migration) => migration.name);
    const file = path.join(dir, firstName!, "migration.sql");
    await writeFile(file, `${await readFile(file, "utf8")}\n-- an innocent-looking edit\n`);
    await expect(migrate(url, { dir })).rejects.toThrow(
      new RegExp(`Migration ${firstName} was edited after it was applied`),
    );
  });

  it("accepts an applied migration whose line endings changed", async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await migrate(url, { dir });
    const [firstName] = (await readMigrations(dir)).map((migration) => migration.name);
    const file = path.join(dir, firstName!, "migration.sql");
    await writeFile(file, (await readFile(file, "utf8")).replace(/\n/g, "\r\n"));
    await expect(migrate(url, { dir })).resolves.toMatchObject({ applied: [] });
  });

  it("applies each migration exactly once when several instances start together", async () => {
    const url = await emptyDatabase();
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    const appliedEverywhere = results.flatMap((result) => result.applied).sort();
    expect(appliedEverywhere).toEqual((await readMigrations()).map((migration) => migration.name));
    const [{ count }] = (await query<{ count: string }>(url, `SELECT count(*) FROM "_prisma_migrations"`)) as [
      { count: string },
    ];
    expect(Number(count)).toBe(appliedEverywhere.length);
  });

  it("rolls a failing migration back completely and records nothing for it", async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await addMigration(
      dir,
      "29991231000000_broken",
      `CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n`,
    );
    await expect(migrate(url, { dir })).rejects.toThrow(
      /Migration 29991231000000_broken failed and was rolled back: relation "no_such_table" does not exist/,
    );
    const tables = await query<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_name = 'half_done'`,
    );
    expect(tables).toEqual([]);
    const recorded = await query<{ migration_name: string }>(
      url,
      `SELECT migration_name FROM "_prisma_migrations" WHERE migration_name = '29991231000000_broken'`,
    );
    expect(recorded).toEqual([]);
    // The migrations before it stay applied.
    expect(await migrate(url)).toMatchObject({ applied: [] });
  });

  it("refuses to run over a migration that failed under another tool", async () => {
    const url = await emptyDatabase();
    await migrate(url);
    await query(
      url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ('00000000-0000-4000-8000-000000000001', 'x', '20990101000000_failed_elsewhere', now())`,
    );
    await expect(migrate(url)).rejects.toThrow(/20990101000000_failed_elsewhere failed in an earlier run/);
  });
});
