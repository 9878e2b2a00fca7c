import pg from "pg";

/** The parts of a database's structure that a Prisma schema determines, in a comparable form. */
export type SchemaSnapshot = {
  tables: string[];
  columns: string[];
  enums: string[];
  constraints: string[];
  indexes: string[];
};

export async function snapshotSchema(url: string, options: { ignoreTables?: string[] } = {}): Promise<SchemaSnapshot> {
  const ignore = options.ignoreTables ?? [];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql, [ignore])).rows;
    const tables = await rows<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND NOT table_name = ANY($1) ORDER BY 1`,
    );
    const columns = await rows<{ description: string }>(`
      SELECT format('%s.%s %s%s %s default=%s', table_name, column_name,
        CASE WHEN data_type = 'USER-DEFINED' THEN udt_name WHEN data_type = 'ARRAY' THEN udt_name ELSE data_type END,
        coalesce('(' || coalesce(character_maximum_length, datetime_precision) || ')', ''),
        CASE WHEN is_nullable = 'YES' THEN 'NULL' ELSE 'NOT NULL' END,
        coalesce(column_default, '-')) AS description
      FROM information_schema.columns WHERE table_schema = 'public' AND NOT table_name = ANY($1) ORDER BY table_name, column_name`);
    const enums = await rows<{ description: string }>(`
      SELECT t.typname || ': ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS description
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND $1::text[] IS NOT NULL GROUP BY t.typname ORDER BY 1`);
    const constraints = await rows<{ description: string }>(`
      SELECT format('%s %s %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS description
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = 'public' AND NOT c.conrelid::regclass::text = ANY($1) ORDER BY 1`);
    const indexes = await rows<{ description: string }>(`
      SELECT indexdef AS description FROM pg_indexes WHERE schemaname = 'public' AND NOT tablename = ANY($1) ORDER BY 1`);
    return {
      tables: tables.map((row) => row.name),
      columns: columns.map((row) => row.description),
      enums: enums.map((row) => row.description),
      constraints: constraints.map((row) => row.description),
      indexes: indexes.map((row) => row.description),
    };
  } finally {
    await client.end();
  }
}
