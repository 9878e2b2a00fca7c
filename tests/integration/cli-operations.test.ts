import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBackupManifest } from "@/lib/backups/manifest";
import { db } from "@/lib/db";
import { declareScheduledJobs } from "@/lib/operations/scheduled-runs";
import { readSnapshotManifest } from "@/lib/snapshots/write-snapshot";
import { storeNotification } from "../support/accepted-notifications";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../support/databases";
import { makeService, makeTemplate } from "../support/factories";
import { runScript } from "../support/processes";
import { s3StandInForThisFile } from "../support/s3";

// The stand-in's settings are in process.env, which the CLI's process inherits.
s3StandInForThisFile();
const cli = (...args: string[]) => runScript("scripts/cli.ts", args);

const scratch: string[] = [];
async function emptyDatabase(): Promise<string> {
  const name = uniqueDatabaseName("tidings_cli_restore");
  scratch.push(name);
  return createDatabase(name);
}
afterAll(async () => {
  for (const name of scratch) await dropDatabase(name);
});

beforeAll(async () => {
  const service = await makeService();
  const template = await makeTemplate(service.id, { type: "email" });
  for (let index = 0; index < 3; index++)
    await storeNotification(template, { recipient: `person-${index}@example.com`, status: "delivered" });
});

async function notificationsIn(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query("SELECT count(*) AS n FROM notifications")).rows[0].n);
  } finally {
    await client.end();
  }
}

describe("npm run cli: operations", () => {
  // Each CLI run starts a process of its own (seconds each on a busy machine).
  it("snapshot writes a day's files and manifest, then replaces them", { timeout: 120_000 }, async () => {
    const first = await cli("snapshot", "--day", "2026-11-30");
    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining("Wrote the snapshot of 2026-11-30:") });
    const written = await readSnapshotManifest("2026-11-30");
    expect(written?.files.map((file) => file.name)).toEqual([
      "services",
      "templates",
      "notification_counts",
      "provider_events",
      "jobs",
      "campaigns",
    ]);
    for (const file of written!.files) expect(first.stdout).toContain(file.key);

    const again = await cli("snapshot", "--day", "2026-11-30");
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining("Replaced the snapshot of 2026-11-30:") });
    expect((await readSnapshotManifest("2026-11-30"))?.generatedAt).not.toBe(written!.generatedAt);

    const wrong = await cli("snapshot", "--day", "30/11/2026");
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("--day must be a date: YYYY-MM-DD");
  });

  it(
    "backup dumps and verifies the database; restore restores it, refusing a non-empty database without --force",
    { timeout: 180_000 },
    async () => {
      // As a worker with BACKUP_SCHEDULE declares it: the command line's backup is one of its runs.
      await declareScheduledJobs([
        { name: "take-backup", cron: "0 2 * * *", timeZone: "UTC", description: "Backs up the database." },
      ]);
      const backup = await cli("backup");
      expect(backup.code).toBe(0);
      const id = /Backed up (\S+): /.exec(backup.stdout)?.[1];
      expect(id).toMatch(/^\d{4}-\d{2}-\d{2}T\d{6}Z$/);
      expect(await db.scheduledJobRun.findMany({ where: { jobName: "take-backup" } })).toEqual([
        expect.objectContaining({
          outcome: "succeeded",
          summary: expect.stringMatching(new RegExp(`^from the command line: backed up ${id} \\(`)),
        }),
      ]);
      expect(backup.stdout).toMatch(
        /Restored and verified: \d+ tables, [\d,]+ rows, foreign keys hold, 3 notifications/,
      );
      expect((await readBackupManifest(id!)).tables["public.notifications"]).toBe(3);
      expect((await cli("backups")).stdout.trim()).toBe(id);

      const notAUrl = await cli("restore", "--from", id!, "--into", "tidings_copy");
      expect(notAUrl.code).toBe(1);
      expect(notAUrl.stderr).toContain("--into must be a postgresql:// URL");

      const into = await emptyDatabase();
      const restored = await cli("restore", "--from", id!, "--into", into);
      expect(restored).toMatchObject({
        code: 0,
        stdout: expect.stringContaining(`Restored ${id} and verified it:`),
      });
      expect(await notificationsIn(into)).toBe(3);

      const refused = await cli("restore", "--from", id!, "--into", into);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/The database is not empty .* add --force/);

      const forced = await cli("restore", "--from", id!, "--into", into, "--force");
      expect(forced.code).toBe(0);
      expect(await notificationsIn(into)).toBe(3);
    },
  );
});
