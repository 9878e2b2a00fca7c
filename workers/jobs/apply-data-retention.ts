import { queues } from "@/lib/queue/queues";
import { applyDataRetention } from "@/lib/retention/apply-data-retention";
import { defineJob } from "../define-job";

// Nightly, when sending is quiet, as GOV.UK Notify's deletion tasks are.
export const applyDataRetentionJob = defineJob({
  queue: queues.applyDataRetention,
  schedule: "30 1 * * *",
  handler: async (_payload, { log }) => {
    log.info(await applyDataRetention(), "applied data retention");
  },
});
