import { count } from "@/lib/operations/describe-counts";
import { queues } from "@/lib/queue/queues";
import { writeDailySnapshot } from "@/lib/snapshots/write-snapshot";
import { defineJob } from "../define-job";

export const writeDailySnapshotJob = defineJob({
  queue: queues.writeDailySnapshot,
  handler: async (_payload, { log }) => {
    const { manifest, replaced } = await writeDailySnapshot();
    log.info({ day: manifest.day, files: manifest.files.length, replaced }, "wrote the daily snapshot");
    const files = manifest.files.map((file) => `${file.name} ${count(file.rows, "row")}`).join(", ");
    return `${replaced ? "replaced" : "wrote"} the snapshot of ${manifest.day}: ${files}`;
  },
});
