import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { summariseDailyNotificationStatuses } from "@/lib/notifications/daily-statuses";
import { latestMigration } from "@/lib/db/migrations";
import { config } from "@/lib/config";
import { deleteObject, objectInfo, objectText, putObject } from "@/lib/storage/s3";
import { snapshotTables } from "./snapshot-tables";

type SnapshotFile = {
  name: string;
  key: string;
  rows: number;
  bytes: number;
  sha256: string;
  description: string;
};

export type SnapshotManifest = {
  format: "tidings-snapshot/1";
  day: string;
  generatedAt: string;
  /** The last database migration applied when it was taken: the schema the figures come from. */
  migration: string | null;
  files: SnapshotFile[];
};

const DAY_MS = 86_400_000;

/**
 * The UTC day before `now`: the last finished day.
 * @internal Exported for its tests.
 */
export const previousUtcDay = (now: Date) => new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - DAY_MS);

const manifestKey = (day: string) => `snapshots/${day}/manifest.json`;

/**
 * Writes one day's snapshot to S3_BUCKET_SNAPSHOTS (UNIVAF's daily_data_snapshot_task): each table
 * as newline-delimited JSON under `snapshots/YYYY-MM-DD/<run>/`, then the manifest with their row
 * counts and SHA-256 checksums, last. Readers go through the manifest, so a re-run replaces a day
 * at once: the new files are complete before the manifest names them, and the old run's files are
 * deleted only after.
 */
export async function writeDailySnapshot(
  options: { day?: Date; now?: Date } = {},
): Promise<{ manifest: SnapshotManifest; replaced: boolean }> {
  const now = options.now ?? new Date();
  const day = options.day ?? previousUtcDay(now);
  const isoDay = day.toISOString().slice(0, 10);
  // The day's counts are read from daily_notification_statuses: count any day not counted yet first.
  await summariseDailyNotificationStatuses(now);
  const tables = await snapshotTables(new Date(`${isoDay}T00:00:00Z`));
  const run = `${now.toISOString().replace(/\D/g, "").slice(0, 14)}-${randomBytes(3).toString("hex")}`;

  const files: SnapshotFile[] = [];
  for (const table of tables) {
    const body = table.rows.map((row) => `${JSON.stringify(row)}\n`).join("");
    const key = `snapshots/${isoDay}/${run}/${table.name}.ndjson`;
    await putObject({ bucket: "snapshots", key, body, contentType: "application/x-ndjson" });
    files.push({
      name: table.name,
      key,
      rows: table.rows.length,
      bytes: Buffer.byteLength(body),
      sha256: createHash("sha256").update(body).digest("hex"),
      description: table.description,
    });
  }
  const previous = await readSnapshotManifest(isoDay);
  const manifest: SnapshotManifest = {
    format: "tidings-snapshot/1",
    day: isoDay,
    generatedAt: now.toISOString(),
    migration: await latestMigration(config().DATABASE_URL),
    files,
  };
  await putObject({
    bucket: "snapshots",
    key: manifestKey(isoDay),
    body: `${JSON.stringify(manifest, null, 2)}\n`,
    contentType: "application/json",
  });
  for (const file of previous?.files ?? []) await deleteObject("snapshots", file.key);
  return { manifest, replaced: previous !== null };
}

/**
 * A day's manifest, or null when that day has no snapshot.
 * @internal Exported for its tests.
 */
export async function readSnapshotManifest(day: string): Promise<SnapshotManifest | null> {
  if (!(await objectInfo("snapshots", manifestKey(day)))) return null;
  return JSON.parse(await objectText("snapshots", manifestKey(day))) as SnapshotManifest;
}
