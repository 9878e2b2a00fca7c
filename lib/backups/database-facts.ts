import "server-only";
import type pg from "pg";

/** Every table of the application (and of pg-boss), schema-qualified, in name order. */
export async function listTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
     ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/** Rows per table, as this transaction sees them. Partitioned tables count their partitions' rows. */
export async function countRows(client: pg.ClientBase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await listTables(client)) {
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) AS count FROM ONLY ${table}`);
    counts[table] = Number(rows[0]!.count);
  }
  return counts;
}

export type NotificationSample = { id: string; sha256: string };

/** A random sample of notifications with a checksum of each whole row, to read back after a restore. */
export async function sampleNotifications(client: pg.ClientBase, size = 25): Promise<NotificationSample[]> {
  const { rows } = await client.query<NotificationSample>(
    `SELECT id::text AS id, encode(sha256(convert_to(row_to_json(n)::text, 'UTF8')), 'hex') AS sha256
     FROM notifications n ORDER BY random() LIMIT $1`,
    [size],
  );
  return rows.sort((a, b) => a.id.localeCompare(b.id));
}

/** The same rows' checksums in another database (missing rows are left out). */
export async function checksumNotifications(client: pg.ClientBase, ids: string[]): Promise<NotificationSample[]> {
  const { rows } = await client.query<NotificationSample>(
    `SELECT id::text AS id, encode(sha256(convert_to(row_to_json(n)::text, 'UTF8')), 'hex') AS sha256
     FROM notifications n WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows.sort((a, b) => a.id.localeCompare(b.id));
}

/** Foreign keys with rows that point at nothing: "constraint on table: N rows". */
export async function brokenForeignKeys(client: pg.ClientBase): Promise<string[]> {
  const { rows: keys } = await client.query<{
    name: string;
    child: string;
    parent: string;
    child_columns: string[];
    parent_columns: string[];
  }>(
    `SELECT con.conname AS name, con.conrelid::regclass::text AS child, con.confrelid::regclass::text AS parent,
       array(SELECT quote_ident(attname) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY i) AS child_columns,
       array(SELECT quote_ident(attname) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, i)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY i) AS parent_columns
     FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
     WHERE con.contype = 'f' AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  const broken: string[] = [];
  for (const key of keys) {
    const present = key.child_columns.map((column) => `c.${column} IS NOT NULL`).join(" AND ");
    const matches = key.child_columns
      .map((column, index) => `p.${key.parent_columns[index]} = c.${column}`)
      .join(" AND ");
    const { rows } = await client.query<{ count: string }>(
      `SELECT count(*) AS count FROM ${key.child} c WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${key.parent} p WHERE ${matches})`,
    );
    if (Number(rows[0]!.count) > 0) broken.push(`${key.name} on ${key.child}: ${rows[0]!.count} rows`);
  }
  return broken;
}
