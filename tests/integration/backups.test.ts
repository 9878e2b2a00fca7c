import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readBackupManifest, verificationKeyOf, type BackupManifest } from "@/lib/backups/manifest";
import { databaseUrlFor } from "@/lib/backups/postgres-tools";
import { restoreBackup } from "@/lib/backups/restore-backup";
import { listBackups, takeBackup, verifyBackup } from "@/lib/backups/take-backup";
import { verifyRestoredDatabase } from "@/lib/backups/verify-restore";
import { config, resetConfig } from "@/lib/config";
import { OPERATOR } from "@/lib/permissions";
import { objectStream, objectText, putObject } from "@/lib/storage/s3";
import { storeNotification } from "../support/accepted-notifications";
import { makeService, makeTemplate, makeUser } from "../support/factories";
import { s3StandInForThisFile } from "../support/s3";
import { db } from "@/lib/db";
import { takeBackupJob } from "@/workers/jobs/take-backup";
import { log } from "@/lib/log";

s3StandInForThisFile();

const created: string[] = [];
async function emptyDatabase(): Promise<string> {
  const name = `tidings_restore_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: config().DATABASE_URL });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  created.push(name);
  return databaseUrlFor(config().DATABASE_URL, name);
}
afterAll(async () => {
  const client = new pg.Client({ connectionString: config().DATABASE_URL });
  await client.connect();
  for (const name of created) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
});

async function count(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  } finally {
    await client.end();
  }
}

const bytesOf = async (key: string) => {
  const chunks: Buffer[] = [];
  for await (const chunk of await objectStream("backups", key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
const putManifest = (manifest: BackupManifest) =>
  putObject({
    bucket: "backups",
    key: `backups/${manifest.id}/manifest.json`,
    body: JSON.stringify(manifest),
    contentType: "application/json",
  });

let manifest: BackupManifest;

beforeAll(async () => {
  const service = await makeService();
  const template = await makeTemplate(service.id, { type: "email" });
  for (let index = 0; index < 30; index++)
    await storeNotification(template, { recipient: `person-${index}@example.com`, status: "delivered" });
});

describe("backups", () => {
  it("dumps, records the manifest, then restores the backup into a scratch database and verifies it", async () => {
    const outcome = await takeBackup({ now: new Date("2026-11-30T02:00:00Z") });
    manifest = outcome.manifest;
    expect(manifest).toMatchObject({
      format: "tidings-backup/1",
      id: "2026-11-30T020000Z",
      dump: {
        key: "backups/2026-11-30T020000Z/tidings.dump",
        format: "custom",
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    expect(manifest.dump.bytes).toBeGreaterThan(1000);
    expect(manifest.migrations.at(-1)).toMatch(/_scheduled_jobs$|^\d{14}_/);
    expect(manifest.tables["public.notifications"]).toBe(30);
    expect(manifest.tables["public.services"]).toBeGreaterThanOrEqual(1);
    expect(manifest.sample).toHaveLength(25);
    expect(manifest.database).toBe(new URL(config().DATABASE_URL).pathname.slice(1));
    expect(JSON.stringify(manifest)).not.toMatch(/password|@example\.com/);
    expect(outcome.verification).toMatchObject({ foreignKeys: "hold", sampled: 25 });
    expect(outcome.verification.rows).toBeGreaterThanOrEqual(30);
    expect(await readBackupManifest(manifest.id)).toEqual(manifest);
    expect(JSON.parse(await objectText("backups", verificationKeyOf(manifest.id)))).toMatchObject({ ok: true });
    expect(await listBackups()).toEqual([manifest.id]);
  });

  it("restores a backup on purpose into an empty database, and refuses a non-empty one without --force", async () => {
    const into = await emptyDatabase();
    const report = await restoreBackup({ actor: OPERATOR, backupId: manifest.id, into });
    expect(report.sampled).toBe(25);
    expect(await count(into, "notifications")).toBe(30);

    await expect(restoreBackup({ actor: OPERATOR, backupId: manifest.id, into })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/not empty .* add --force/),
    });
    await restoreBackup({ actor: OPERATOR, backupId: manifest.id, into, force: true });
    expect(await count(into, "notifications")).toBe(30);
  });

  it("refuses a backup that does not exist", async () => {
    await expect(
      restoreBackup({ actor: OPERATOR, backupId: "2020-01-01T000000Z", into: await emptyDatabase() }),
    ).rejects.toThrow(/No backup 2020-01-01T000000Z/);
  });

  it("fails loudly when the dump's checksum does not match its manifest", async () => {
    await putManifest({ ...manifest, dump: { ...manifest.dump, sha256: "0".repeat(64) } });
    await expect(
      verifyBackup(await readBackupManifest(manifest.id), "/tmp/tidings-test-readback.dump"),
    ).rejects.toThrow(/did not verify: its SHA-256 is [0-9a-f]{64}, the manifest says 0{64}/);
    expect(JSON.parse(await objectText("backups", verificationKeyOf(manifest.id)))).toMatchObject({ ok: false });
    await expect(
      restoreBackup({ actor: OPERATOR, backupId: manifest.id, into: await emptyDatabase() }),
    ).rejects.toThrow(/SHA-256/);
    await putManifest(manifest);
  });

  it("fails loudly when the dump is truncated, even with a manifest that matches it", async () => {
    const whole = await bytesOf(manifest.dump.key);
    const truncated = whole.subarray(0, Math.floor(whole.length * 0.6));
    const key = "backups/2026-11-29T020000Z/tidings.dump";
    await putObject({ bucket: "backups", key, body: truncated, contentType: "application/octet-stream" });
    const { createHash } = await import("node:crypto");
    const broken: BackupManifest = {
      ...manifest,
      id: "2026-11-29T020000Z",
      dump: {
        ...manifest.dump,
        key,
        bytes: truncated.length,
        sha256: createHash("sha256").update(truncated).digest("hex"),
      },
    };
    await putManifest(broken);
    await expect(verifyBackup(broken, "/tmp/tidings-test-truncated.dump")).rejects.toThrow(
      /did not verify: pg_restore failed/,
    );
  });

  it("fails loudly when the restored rows differ from those recorded at dump time", async () => {
    const altered = { ...manifest, tables: { ...manifest.tables, "public.notifications": 31 } };
    await expect(verifyBackup(altered, "/tmp/tidings-test-rows.dump")).rejects.toThrow(
      /public\.notifications has 30 rows, 31 when the backup was taken/,
    );
  });

  it("fails loudly when a migration recorded at dump time is missing after the restore", async () => {
    const altered = { ...manifest, migrations: [...manifest.migrations, "20991231000000_not_in_the_dump"] };
    await expect(verifyBackup(altered, "/tmp/tidings-test-migrations.dump")).rejects.toThrow(
      /migrations missing after the restore: 20991231000000_not_in_the_dump/,
    );
  });

  it("fails loudly when a sampled notification does not read back as it was dumped", async () => {
    const [first, ...rest] = manifest.sample;
    const altered = { ...manifest, sample: [{ id: first!.id, sha256: "0".repeat(64) }, ...rest] };
    await expect(verifyBackup(altered, "/tmp/tidings-test-sample.dump")).rejects.toThrow(
      new RegExp(`notification ${first!.id} does not read back as it was dumped`),
    );
  });

  it("fails loudly when a restored row's foreign key points at nothing", async () => {
    const into = await emptyDatabase();
    await restoreBackup({ actor: OPERATOR, backupId: manifest.id, into });
    const client = new pg.Client({ connectionString: into });
    await client.connect();
    try {
      // As a replica applies rows, without the triggers that check foreign keys.
      await client.query("SET session_replication_role = replica");
      await client.query("UPDATE templates SET service_id = gen_random_uuid()");
    } finally {
      await client.end();
    }
    await expect(verifyRestoredDatabase(manifest, into)).rejects.toThrow(
      /foreign key \S+ on templates: \d+ rows point at nothing/,
    );
  });

  it("keeps the last BACKUP_KEEP_DAILY days and BACKUP_KEEP_WEEKLY weeks", async () => {
    process.env.BACKUP_KEEP_DAILY = "1";
    process.env.BACKUP_KEEP_WEEKLY = "0";
    resetConfig();
    try {
      const { manifest: next, deleted } = await takeBackup({ now: new Date("2026-12-01T02:00:00Z") });
      expect(deleted.sort()).toEqual(["2026-11-29T020000Z", "2026-11-30T020000Z"]);
      expect(await listBackups()).toEqual([next.id]);
    } finally {
      delete process.env.BACKUP_KEEP_DAILY;
      delete process.env.BACKUP_KEEP_WEEKLY;
      resetConfig();
    }
  });

  it("alerts every platform admin when the nightly backup fails", async () => {
    const admin = await makeUser({ isPlatformAdmin: true });
    process.env.S3_BUCKET_BACKUPS = "a-bucket-that-does-not-exist";
    resetConfig();
    const jobLog = log.child({ job: "take-backup" });
    const logged = vi.spyOn(jobLog, "error");
    try {
      await expect(
        takeBackupJob.handler(
          {},
          { jobId: "j", retryCount: 0, isLastAttempt: true, signal: new AbortController().signal, log: jobLog },
        ),
      ).rejects.toThrow();
      // The runtime logs the error that escapes, once, with the job's id.
      expect(logged).not.toHaveBeenCalled();
    } finally {
      process.env.S3_BUCKET_BACKUPS = "test-backups";
      resetConfig();
    }
    const alert = await db.notification.findFirstOrThrow({ where: { recipient: admin.email } });
    expect(alert.subject).toMatch(/^Tidings: the backup \d{4}-\d{2}-\d{2}T\d{6}Z failed$/);
    expect(alert.body).toContain("/admin/scheduled-jobs");
  });
});
