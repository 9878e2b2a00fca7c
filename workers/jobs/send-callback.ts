import { sendCallback } from "@/lib/callbacks/send-callback";
import { queues } from "@/lib/queue/queues";
import { defineJob } from "../define-job";

export const sendCallbackJob = defineJob({
  queue: queues.sendCallback,
  concurrency: 8,
  handler: async (payload, { retryCount, isLastAttempt }) => {
    await sendCallback({ ...payload, attempt: retryCount + 1, isLastAttempt });
  },
});
