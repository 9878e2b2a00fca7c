#!/usr/bin/env node
// Prints the SQL that takes one Prisma schema to another, computed by Prisma's own schema
// engine (the WebAssembly build, which needs no download). Used to write migrations and by the
// test that proves the migrations build exactly what prisma/schema.prisma describes.
//
//   node scripts/schema-sql.mjs --to prisma/schema.prisma              (from an empty database)
//   node scripts/schema-sql.mjs --from old.prisma --to prisma/schema.prisma
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

process.removeAllListeners("warning"); // the engine's WebAssembly import prints an experimental warning

const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } });
if (!values.to) {
  console.error("usage: schema-sql.mjs [--from <schema.prisma>] --to <schema.prisma>");
  process.exit(2);
}

const { SchemaEngine } = await import("@prisma/schema-engine-wasm");
const { PrismaPg } = await import("@prisma/adapter-pg");
const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
const target = (path) =>
  path ? { tag: "schemaDatamodel", files: [{ path, content: readFileSync(path, "utf8") }] } : { tag: "empty" };

const { PGlite } = await import("@electric-sql/pglite");
const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");

// The engine insists on a connection even for a diff between two files; an in-memory PGlite
// serves it, so this works with no PostgreSQL server at all.
const pglite = await PGlite.create();
const server = new PGLiteSocketServer({ db: pglite, port: 0, host: "127.0.0.1" });
await server.start();
const port = Number(server.getServerConn().split(":").pop());
const adapter = new PrismaPg({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
const engine = await SchemaEngine.new(
  { datamodels: undefined },
  () => {},
  bindMigrationAwareSqlAdapterFactory(adapter),
);
const result = await engine.diff({
  from: target(values.from),
  to: target(values.to),
  script: true,
  exitCode: null,
  filters: { externalTables: [], externalEnums: [] },
});
process.stdout.write(result.stdout ?? "");
engine.free();
await server.stop();
await pglite.close();
process.exit(0);
