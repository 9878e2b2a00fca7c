import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrations";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../support/databases";
import { snapshotSchema, type SchemaSnapshot } from "../support/schema-snapshot";

const run = promisify(execFile);
const names = { migrated: uniqueDatabaseName("tidings_migrated"), prisma: uniqueDatabaseName("tidings_prisma") };
afterAll(async () => {
  await dropDatabase(names.migrated);
  await dropDatabase(names.prisma);
});

/**
 * Builds one database with the project's migrations and another with the SQL Prisma's own schema
 * engine derives from prisma/schema.prisma, and compares them: every model's table, every field's
 * column, type, nullability and default, every enum, key and relation.
 */
describe("the migrated database", () => {
  let migrated: SchemaSnapshot;
  let fromPrisma: SchemaSnapshot;

  it("builds both databases", async () => {
    const migratedUrl = await createDatabase(names.migrated);
    await migrate(migratedUrl);
    migrated = await snapshotSchema(migratedUrl, { ignoreTables: ["_prisma_migrations"] });

    const { stdout: sql } = await run(process.execPath, ["scripts/schema-sql.mjs", "--to", "prisma/schema.prisma"], {
      maxBuffer: 10 * 1024 * 1024,
    });
    expect(sql).toMatch(/CREATE TABLE/);
    const prismaUrl = await createDatabase(names.prisma);
    const client = new pg.Client({ connectionString: prismaUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
    fromPrisma = await snapshotSchema(prismaUrl);
  }, 60_000);

  it("has a table for every model and no other", () => {
    expect(migrated.tables).toEqual(fromPrisma.tables);
    expect(migrated.tables).toContain("notifications");
  });

  it("has every field's column with the schema's type, nullability and default", () => {
    expect(migrated.columns).toEqual(fromPrisma.columns);
  });

  it("has the schema's enums, keys, unique constraints and relations", () => {
    expect(migrated.enums).toEqual(fromPrisma.enums);
    expect(migrated.constraints).toEqual(fromPrisma.constraints);
  });

  it("has every index the schema declares (extra partial indexes are allowed)", () => {
    const missing = fromPrisma.indexes.filter((index) => !migrated.indexes.includes(index));
    expect(missing).toEqual([]);
  });
});
