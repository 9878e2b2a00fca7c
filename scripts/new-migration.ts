// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with
// the SQL that takes the committed prisma/schema.prisma (git HEAD) to the one in the work tree,
// as computed by Prisma's schema engine. Review it, add what Prisma cannot express (partial
// indexes, data moves), and commit it with the schema change.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(2);
}

const schema = "prisma/schema.prisma";
const committed = path.join(mkdtempSync(path.join(tmpdir(), "tidings-schema-")), "schema.prisma");
let from: string[] = [];
try {
  writeFileSync(committed, execFileSync("git", ["show", `HEAD:${schema}`]));
  from = ["--from", committed];
} catch {
  console.log("No committed schema: writing the migration from an empty database.");
}

const sql = execFileSync(process.execPath, ["scripts/schema-sql.mjs", ...from, "--to", schema], { encoding: "utf8" });
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.log("prisma/schema.prisma matches the committed schema: nothing to migrate.");
  process.exit(0);
}
const timestamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${timestamp}_${name}`);
if (existsSync(dir)) throw new Error(`${dir} exists already`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`Wrote ${dir}/migration.sql`);
