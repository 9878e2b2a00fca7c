import { alertBackupFailure } from "@/lib/backups/alert-backup-failure";
import { backupIdAt } from "@/lib/backups/manifest";
import { describeBackup, takeBackup } from "@/lib/backups/take-backup";
import { queues } from "@/lib/queue/queues";
import { defineJob } from "../define-job";

export const takeBackupJob = defineJob({
  queue: queues.takeBackup,
  handler: async (_payload, { log }) => {
    const startedAt = new Date();
    try {
      const outcome = await takeBackup({ now: startedAt });
      const { manifest, deleted } = outcome;
      log.info({ backup: manifest.id, bytes: manifest.dump.bytes, deleted }, "backed up and verified the database");
      return describeBackup(outcome);
    } catch (error) {
      // Logged once, by the runtime, with the job's id.
      await alertBackupFailure(backupIdAt(startedAt), error);
      throw error;
    }
  },
});
