import { queues } from "@/lib/queue/queues";
import { reconcileUncertainSends } from "@/lib/notifications/reconcile-uncertain-sends";
import { replayCreatedNotifications } from "@/lib/notifications/replay-created";
import { timeOutStaleSends } from "@/lib/notifications/time-out-stale-sends";
import { count } from "@/lib/operations/describe-counts";
import { defineJob } from "../define-job";

export const reconcileUncertainSendsJob = defineJob({
  queue: queues.reconcileUncertainSends,
  handler: async (_payload, { log }) => {
    const { settled, handedOverAgain } = await reconcileUncertainSends();
    if (settled > 0) log.warn({ settled }, "sends with an unknown outcome marked as technical failures");
    if (handedOverAgain > 0)
      log.warn({ handedOverAgain }, "sends the provider never accepted (no Send event) handed over again");
    return [
      `marked ${count(settled, "send with an unknown outcome", "sends with an unknown outcome")} as technical failures`,
      `handed ${count(handedOverAgain, "send")} the provider never accepted over again`,
    ].join("; ");
  },
});

export const replayCreatedNotificationsJob = defineJob({
  queue: queues.replayCreatedNotifications,
  handler: async (_payload, { log }) => {
    const replayed = await replayCreatedNotifications();
    if (replayed > 0) log.warn({ replayed }, "notifications that had lost their delivery job queued again");
    return `queued ${count(replayed, "notification")} that had lost their delivery job again`;
  },
});

export const timeOutStaleSendsJob = defineJob({
  queue: queues.timeOutStaleSends,
  handler: async (_payload, { log }) => {
    const timedOut = await timeOutStaleSends();
    if (timedOut > 0)
      log.info({ timedOut }, "notifications without a final receipt after 72 hours marked as temporary failures");
    return `marked ${count(timedOut, "notification")} without a final receipt after 72 hours as temporary failures`;
  },
});
