import { deleteOldApiRequests } from "@/lib/api-log/delete-old-api-requests";
import { deleteExpiredProviderEvents } from "@/lib/events/delete-expired-events";
import { queues } from "@/lib/queue/queues";
import { archiveExpiredNotifications } from "@/lib/retention/archive-expired-notifications";
import { defineJob } from "../define-job";

// Nightly, when sending is quiet, as GOV.UK Notify's deletion tasks are.
export const applyDataRetentionJob = defineJob({
  queue: queues.applyDataRetention,
  schedule: "30 1 * * *",
  handler: async (_payload, { log }) => {
    const archived = await archiveExpiredNotifications();
    const providerEvents = await deleteExpiredProviderEvents();
    const apiRequests = await deleteOldApiRequests();
    log.info({ ...archived, providerEvents, apiRequests }, "applied data retention");
  },
});
