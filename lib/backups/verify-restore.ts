import "server-only";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { appliedMigrations } from "@/lib/db/migrations";
import { objectStream } from "@/lib/storage/s3";
import { brokenForeignKeys, checksumNotifications, countRows } from "./database-facts";
import type { BackupManifest } from "./manifest";
import { libpqUrl, runTool, withClient } from "./postgres-tools";

class BackupVerificationError extends Error {
  override name = "BackupVerificationError";
  constructor(readonly problems: string[]) {
    super(`The backup did not verify: ${problems.join("; ")}`);
  }
}

export type VerificationReport = { tables: number; rows: number; foreignKeys: "hold"; sampled: number };

const sha256Of = async (file: string) => {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
};

/** Downloads a backup's dump to `file` and checks its size and SHA-256 against the manifest. */
export async function downloadVerifiedDump(manifest: BackupManifest, file: string): Promise<void> {
  await pipeline(await objectStream("backups", manifest.dump.key), createWriteStream(file));
  const [bytes, sha256] = [(await stat(file)).size, await sha256Of(file)];
  const problems = [
    ...(bytes !== manifest.dump.bytes ? [`the dump is ${bytes} bytes, the manifest says ${manifest.dump.bytes}`] : []),
    ...(sha256 !== manifest.dump.sha256 ? [`its SHA-256 is ${sha256}, the manifest says ${manifest.dump.sha256}`] : []),
  ];
  if (problems.length > 0) throw new BackupVerificationError(problems);
}

/** Restores a verified dump into an empty database with pg_restore, stopping at the first error. */
export async function restoreDump(file: string, databaseUrl: string): Promise<void> {
  try {
    await runTool("pg_restore", [
      "--exit-on-error",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      `--dbname=${libpqUrl(databaseUrl)}`,
      file,
    ]);
  } catch (error) {
    throw new BackupVerificationError([error instanceof Error ? error.message : String(error)]);
  }
}

/**
 * Checks a restored database against its backup's manifest: every migration present, the same
 * rows in every table, every foreign key holding, and the sampled notifications identical.
 */
export async function verifyRestoredDatabase(
  manifest: BackupManifest,
  databaseUrl: string,
): Promise<VerificationReport> {
  const migrations = await appliedMigrations(databaseUrl);
  return withClient(databaseUrl, async (client) => {
    const problems: string[] = [];
    const missing = manifest.migrations.filter((name) => !migrations.includes(name));
    if (missing.length > 0) problems.push(`migrations missing after the restore: ${missing.join(", ")}`);
    const counts = await countRows(client);
    for (const [table, expected] of Object.entries(manifest.tables)) {
      if (counts[table] !== expected)
        problems.push(`${table} has ${counts[table] ?? "no"} rows, ${expected} when the backup was taken`);
    }
    problems.push(...(await brokenForeignKeys(client)).map((broken) => `foreign key ${broken} point at nothing`));
    const readBack = new Map(
      (
        await checksumNotifications(
          client,
          manifest.sample.map((entry) => entry.id),
        )
      ).map((row) => [row.id, row.sha256]),
    );
    for (const entry of manifest.sample) {
      if (readBack.get(entry.id) !== entry.sha256)
        problems.push(`notification ${entry.id} does not read back as it was dumped`);
    }
    if (problems.length > 0) throw new BackupVerificationError(problems);
    return {
      tables: Object.keys(manifest.tables).length,
      rows: Object.values(manifest.tables).reduce((sum, count) => sum + count, 0),
      foreignKeys: "hold",
      sampled: manifest.sample.length,
    };
  });
}
