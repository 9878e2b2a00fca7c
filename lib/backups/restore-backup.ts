import "server-only";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { requirePlatformAdmin, type PlatformWrite } from "@/lib/permissions";
import { listTables } from "./database-facts";
import { readBackupManifest } from "./manifest";
import { withClient } from "./postgres-tools";
import { downloadVerifiedDump, restoreDump, verifyRestoredDatabase, type VerificationReport } from "./verify-restore";

/**
 * Restores one backup on purpose (`npm run cli -- restore --from <id> --into <url>`): checks the
 * dump against its manifest, refuses a database that holds tables unless `force` (which then drops
 * its schemas first), restores, and verifies the result as every nightly backup is verified.
 */
export async function restoreBackup({
  actor,
  backupId,
  into,
  force = false,
}: PlatformWrite<{ backupId: string; into: string; force?: boolean }>): Promise<VerificationReport> {
  requirePlatformAdmin(actor);
  const manifest = await readBackupManifest(backupId);
  await withClient(into, async (client) => {
    const tables = await listTables(client);
    if (tables.length === 0) return;
    if (!force)
      throw new AppError(
        "conflict",
        `The database is not empty (${tables.length} tables, such as ${tables[0]}). Restore into an empty database, or add --force to replace what it holds.`,
      );
    const { rows } = await client.query<{ name: string }>(
      `SELECT quote_ident(nspname) AS name FROM pg_namespace
       WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'`,
    );
    for (const { name } of rows) await client.query(`DROP SCHEMA ${name} CASCADE`);
    await client.query("CREATE SCHEMA public");
  });
  const directory = await mkdtemp(path.join(tmpdir(), "tidings-restore-"));
  try {
    const file = path.join(directory, "tidings.dump");
    await downloadVerifiedDump(manifest, file);
    await restoreDump(file, into);
    return await verifyRestoredDatabase(manifest, into);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
