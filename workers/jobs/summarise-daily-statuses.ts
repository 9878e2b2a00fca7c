import { queues } from "@/lib/queue/queues";
import { summariseDailyNotificationStatuses } from "@/lib/notifications/daily-statuses";
import { count } from "@/lib/operations/describe-counts";
import { defineJob } from "../define-job";

export const summariseDailyStatusesJob = defineJob({
  queue: queues.summariseDailyStatuses,
  handler: async (_payload, { log }) => {
    const { days } = await summariseDailyNotificationStatuses();
    log.info({ days }, "counted daily notification statuses");
    return `counted the messages of ${count(days.length, "day")}`;
  },
});
