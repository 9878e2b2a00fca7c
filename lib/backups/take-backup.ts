import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { config } from "@/lib/config";
import { count } from "@/lib/operations/describe-counts";
import { deleteObject, listKeys, putObject } from "@/lib/storage/s3";
import { countRows, sampleNotifications } from "./database-facts";
import { backupIdAt, backupPrefix, dumpKeyOf, manifestKeyOf, verificationKeyOf, type BackupManifest } from "./manifest";
import { checkDumpable, databaseNameOf, databaseUrlFor, dumpInSnapshot, withClient } from "./postgres-tools";
import { backupsToKeep } from "./retention";
import { downloadVerifiedDump, restoreDump, verifyRestoredDatabase, type VerificationReport } from "./verify-restore";

export type BackupOutcome = { manifest: BackupManifest; verification: VerificationReport; deleted: string[] };

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** What a backup did, for the Scheduled jobs page. */
export const describeBackup = ({ manifest, verification, deleted }: BackupOutcome) =>
  `backed up ${manifest.id} (${megabytes(manifest.dump.bytes)}), restored and verified it: ${count(verification.tables, "table")}, ${count(verification.rows, "row")}, foreign keys hold, ${count(verification.sampled, "notification")} read back; deleted ${count(deleted.length, "old backup")}`;

/**
 * Backs up the database and proves the backup restores (Cobalt's lesson: "the backups worked
 * perfectly, it was the restores that had problems"):
 *
 * 1. pg_dump in custom format inside one exported snapshot: writers carry on while it runs, and
 *    the row counts, migrations and sampled notifications recorded beside it are of that same moment;
 * 2. the dump, then its manifest (size, SHA-256, migrations, rows per table), to S3_BUCKET_BACKUPS;
 * 3. the dump read back from the bucket, its checksum checked, restored into a scratch database
 *    and verified (migrations, row counts, foreign keys, the sample), the scratch database dropped;
 * 4. only then, backups beyond BACKUP_KEEP_DAILY days and BACKUP_KEEP_WEEKLY weeks deleted.
 *
 * Any failure throws, naming what failed; a failed verification is recorded beside the backup.
 */
export async function takeBackup(options: { now?: Date } = {}): Promise<BackupOutcome> {
  const settings = config();
  const id = backupIdAt(options.now ?? new Date());
  const directory = await mkdtemp(path.join(tmpdir(), "tidings-backup-"));
  try {
    const file = path.join(directory, "tidings.dump");
    const facts = await dumpWithFacts(settings.DATABASE_URL, file);
    const hash = createHash("sha256");
    await pipeline(createReadStream(file), hash);
    const manifest: BackupManifest = {
      format: "tidings-backup/1",
      id,
      takenAt: new Date().toISOString(),
      database: databaseNameOf(settings.DATABASE_URL),
      ...facts,
      dump: { key: dumpKeyOf(id), format: "custom", bytes: (await stat(file)).size, sha256: hash.digest("hex") },
    };
    await putObject({
      bucket: "backups",
      key: manifest.dump.key,
      body: createReadStream(file),
      contentType: "application/octet-stream",
    });
    await putObject({
      bucket: "backups",
      key: manifestKeyOf(id),
      body: `${JSON.stringify(manifest, null, 2)}\n`,
      contentType: "application/json",
    });
    const verification = await verifyBackup(manifest, path.join(directory, "read-back.dump"));
    return { manifest, verification, deleted: await applyBackupRetention() };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function dumpWithFacts(databaseUrl: string, file: string) {
  return withClient(databaseUrl, async (client) => {
    const versions = await checkDumpable(client);
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const snapshot = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]!.id;
      const dumping = dumpInSnapshot(databaseUrl, snapshot, file);
      // Read while pg_dump runs, in the snapshot it dumps: the figures are exactly the dump's.
      const facts = await (async () => {
        const migrations = (
          await client.query<{ migration_name: string }>(
            `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1`,
          )
        ).rows.map((row) => row.migration_name);
        return { migrations, tables: await countRows(client), sample: await sampleNotifications(client) };
      })().finally(() => dumping.catch(() => undefined));
      await dumping;
      return { serverVersion: versions.server, pgDumpVersion: versions.pgDump, ...facts };
    } finally {
      await client.query("COMMIT");
    }
  });
}

/**
 * Reads a backup back from the bucket and restores it into a scratch database to verify it.
 * @internal Exported for its tests.
 */
export async function verifyBackup(manifest: BackupManifest, file: string): Promise<VerificationReport> {
  const server = config().BACKUP_SCRATCH_DATABASE_URL ?? config().DATABASE_URL;
  const scratch = `tidings_verify_${randomBytes(4).toString("hex")}`;
  const verifiedAt = new Date().toISOString();
  try {
    await downloadVerifiedDump(manifest, file);
    await withClient(server, (client) => client.query(`CREATE DATABASE "${scratch}"`));
    try {
      const url = databaseUrlFor(server, scratch);
      await restoreDump(file, url);
      const report = await verifyRestoredDatabase(manifest, url);
      await recordVerification(manifest, { verifiedAt, ok: true, ...report });
      return report;
    } finally {
      await withClient(server, (client) => client.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`));
    }
  } catch (error) {
    await recordVerification(manifest, {
      verifiedAt,
      ok: false,
      problems: "problems" in (error as object) ? (error as { problems: string[] }).problems : [String(error)],
    }).catch(() => undefined);
    throw error;
  }
}

const recordVerification = (manifest: BackupManifest, result: Record<string, unknown>) =>
  putObject({
    bucket: "backups",
    key: verificationKeyOf(manifest.id),
    body: `${JSON.stringify(result, null, 2)}\n`,
    contentType: "application/json",
  });

/** The ids of the backups in the bucket, oldest first. */
export async function listBackups(): Promise<string[]> {
  const keys = await listKeys("backups", "backups/");
  return [...new Set(keys.map((key) => key.split("/")[1]!).filter((id) => /^\d{4}-\d{2}-\d{2}T\d{6}Z$/.test(id)))];
}

/** Deletes the backups retention no longer keeps; answers their ids. */
async function applyBackupRetention(): Promise<string[]> {
  const { BACKUP_KEEP_DAILY, BACKUP_KEEP_WEEKLY } = config();
  const ids = await listBackups();
  const keep = backupsToKeep(ids, BACKUP_KEEP_DAILY, BACKUP_KEEP_WEEKLY);
  const deleted = ids.filter((id) => !keep.has(id));
  for (const id of deleted) {
    for (const key of await listKeys("backups", backupPrefix(id))) await deleteObject("backups", key);
  }
  return deleted;
}
