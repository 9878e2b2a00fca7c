import { alertBackupFailure } from "@/lib/backups/alert-backup-failure";
import { backupIdAt } from "@/lib/backups/manifest";
import { takeBackup } from "@/lib/backups/take-backup";
import { count } from "@/lib/operations/describe-counts";
import { queues } from "@/lib/queue/queues";
import { defineJob } from "../define-job";

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export const takeBackupJob = defineJob({
  queue: queues.takeBackup,
  handler: async (_payload, { log }) => {
    const startedAt = new Date();
    try {
      const { manifest, verification, deleted } = await takeBackup({ now: startedAt });
      log.info({ backup: manifest.id, bytes: manifest.dump.bytes, deleted }, "backed up and verified the database");
      return `backed up ${manifest.id} (${megabytes(manifest.dump.bytes)}), restored and verified it: ${count(verification.tables, "table")}, ${count(verification.rows, "row")}, foreign keys hold, ${count(verification.sampled, "notification")} read back; deleted ${count(deleted.length, "old backup")}`;
    } catch (error) {
      // Logged once, by the runtime, with the job's id.
      await alertBackupFailure(backupIdAt(startedAt), error);
      throw error;
    }
  },
});
