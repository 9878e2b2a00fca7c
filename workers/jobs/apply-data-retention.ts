import { queues } from "@/lib/queue/queues";
import { applyDataRetention } from "@/lib/retention/apply-data-retention";
import { count } from "@/lib/operations/describe-counts";
import { defineJob } from "../define-job";

export const applyDataRetentionJob = defineJob({
  queue: queues.applyDataRetention,
  handler: async (_payload, { log }) => {
    const outcome = await applyDataRetention();
    log.info(outcome, "applied data retention");
    return [
      `archived ${count(outcome.notifications, "notification")} and ${count(outcome.inboundSms, "received text")}`,
      `deleted ${count(outcome.providerEvents, "provider event")}, ${count(outcome.apiRequests, "API log entry", "API log entries")} and ${count(outcome.idempotentResponses, "stored API response")}`,
    ].join("; ");
  },
});
