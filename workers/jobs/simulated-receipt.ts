import { queues } from "@/lib/queue/queues";
import { applyReceipt } from "@/lib/notifications/receipts";
import { defineJob } from "../define-job";

export const simulatedReceiptJob = defineJob({
  queue: queues.simulatedReceipt,
  concurrency: 4,
  handler: async ({ notificationId, providerReference, outcome }) => {
    await applyReceipt({ notificationId, providerReference, status: outcome, reason: "simulated provider" });
  },
});
