import { queues } from "@/lib/queue/queues";
import { summariseDailyNotificationStatuses } from "@/lib/notifications/daily-statuses";
import { defineJob } from "../define-job";

// Hourly rather than nightly (as GOV.UK Notify's): recent days' statuses keep settling, and a
// worker that was down counts the days it missed at its next run.
export const summariseDailyStatusesJob = defineJob({
  queue: queues.summariseDailyStatuses,
  schedule: "10 * * * *",
  handler: async (_payload, { log }) => {
    const { days } = await summariseDailyNotificationStatuses();
    log.info({ days }, "counted daily notification statuses");
  },
});
