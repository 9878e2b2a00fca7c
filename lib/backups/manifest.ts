import "server-only";
import { objectInfo, objectText } from "@/lib/storage/s3";
import type { NotificationSample } from "./database-facts";

export type BackupManifest = {
  format: "tidings-backup/1";
  id: string;
  takenAt: string;
  /** The database's name (never its credentials). */
  database: string;
  serverVersion: string;
  pgDumpVersion: string;
  dump: { key: string; format: "custom"; bytes: number; sha256: string };
  /** Every migration applied at dump time, in order; the last is the schema's level. */
  migrations: string[];
  /** Rows per table at dump time (in the dump's own snapshot). */
  tables: Record<string, number>;
  /** Notifications to read back after a restore: their ids and a checksum of each row. */
  sample: NotificationSample[];
};

export const backupPrefix = (id: string) => `backups/${id}/`;
export const manifestKeyOf = (id: string) => `${backupPrefix(id)}manifest.json`;
export const dumpKeyOf = (id: string) => `${backupPrefix(id)}tidings.dump`;
export const verificationKeyOf = (id: string) => `${backupPrefix(id)}verification.json`;

/** A backup's id from the moment it was taken: 2026-12-01T020000Z (sorts as it was taken). */
export const backupIdAt = (at: Date) => `${at.toISOString().slice(0, 19).replace(/:/g, "")}Z`;

/** The manifest of the backup with this id, or a clear error when there is none. */
export async function readBackupManifest(id: string): Promise<BackupManifest> {
  if (!/^\d{4}-\d{2}-\d{2}T\d{6}Z$/.test(id) || !(await objectInfo("backups", manifestKeyOf(id))))
    throw new Error(`No backup ${id} in the backups bucket (list them with npm run cli -- backups)`);
  return JSON.parse(await objectText("backups", manifestKeyOf(id))) as BackupManifest;
}
