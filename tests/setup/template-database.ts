import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/db/migrations";
import { installJobQueues } from "@/lib/queue/boss";
import { createDatabase, databaseExists, dropDatabase, onServer, templateDatabaseName } from "../support/databases";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/**
 * Migrates one template database per schema version (kept between runs); every test file then
 * clones it, which takes milliseconds, instead of migrating its own.
 */
export default async function setup(project: TestProject) {
  const template = await templateDatabaseName();
  if (!(await databaseExists(template))) {
    const building = `${template}_building_${process.pid}`;
    const url = await createDatabase(building);
    process.env.SECRET_KEY ??= "integration-tests-secret-key-0123456789abcdef";
    // Queue options are read from the configuration, which needs a database to be valid. The test
    // files inherit this environment and find the server through it, so it is put back after.
    const serverUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      await migrate(url);
      await installJobQueues(url);
    } finally {
      if (serverUrl === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = serverUrl;
    }
    // A rename is atomic: a template is either complete or absent.
    await onServer((client) => client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`)).catch(
      async (error: unknown) => {
        await dropDatabase(building);
        if (!(await databaseExists(template))) throw error;
      },
    );
    // Templates of other schema versions are dropped once they are a day old: another checkout on
    // the same server (a branch with a different schema) may be cloning its own right now.
    await onServer(async (client) => {
      const stale = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'tidings_template_%' AND datname <> $1
           AND COALESCE(NULLIF(shobj_description(oid, 'pg_database'), ''), '1970-01-01')::timestamptz < now() - interval '1 day'`,
        [template],
      );
      for (const { datname } of stale.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    });
  }
  // Marks the template as in use (see above).
  await onServer((client) => client.query(`COMMENT ON DATABASE "${template}" IS '${new Date().toISOString()}'`));
  project.provide("templateDatabase", template);
}
