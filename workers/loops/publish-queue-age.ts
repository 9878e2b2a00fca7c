import { log } from "@/lib/log";
import { publishQueueAge } from "@/lib/operations/publish-queue-age";
import { defineLoop } from "../define-job";

// Once a minute, from every worker where PUBLISH_QUEUE_AGE_METRIC is set (the CDK app sets it): the
// alarm takes the maximum, so several workers publishing is harmless. A failure waits for the next minute.
export const publishQueueAgeLoop = defineLoop({
  name: "publish-queue-age",
  run: async () => {
    try {
      log.debug({ seconds: await publishQueueAge() }, "published the oldest queued job's age to CloudWatch");
    } catch (error) {
      log.warn({ err: error }, "the queue-age metric could not be published to CloudWatch");
    }
    return 0;
  },
  idleMs: 60_000,
});
