import { queues } from "@/lib/queue/queues";
import { reconcileUncertainSends } from "@/lib/notifications/reconcile-uncertain-sends";
import { replayCreatedNotifications } from "@/lib/notifications/replay-created";
import { timeOutStaleSends } from "@/lib/notifications/time-out-stale-sends";
import { defineJob } from "../define-job";

export const reconcileUncertainSendsJob = defineJob({
  queue: queues.reconcileUncertainSends,
  schedule: "*/5 * * * *",
  handler: async (_payload, { log }) => {
    const settled = await reconcileUncertainSends();
    if (settled > 0) log.warn({ settled }, "sends with an unknown outcome marked as technical failures");
  },
});

export const replayCreatedNotificationsJob = defineJob({
  queue: queues.replayCreatedNotifications,
  schedule: "*/5 * * * *",
  handler: async (_payload, { log }) => {
    const replayed = await replayCreatedNotifications();
    if (replayed > 0) log.warn({ replayed }, "notifications that had lost their delivery job queued again");
  },
});

export const timeOutStaleSendsJob = defineJob({
  queue: queues.timeOutStaleSends,
  schedule: "17 * * * *",
  handler: async (_payload, { log }) => {
    const timedOut = await timeOutStaleSends();
    if (timedOut > 0)
      log.info({ timedOut }, "notifications without a final receipt after 72 hours marked as temporary failures");
  },
});
