import { deliverBatch, prepareDelivery, stopDelivery } from "@/lib/delivery/deliver-batch";
import { queues } from "@/lib/queue/queues";
import { defineJob } from "../define-job";

// Batches of up to 200 notifications, three side by side: while one batch waits on its provider
// calls, the next is read and claimed.
const deliveryThreads = { start: prepareDelivery, stop: stopDelivery };

const deliveryJob = (queue: typeof queues.deliverEmail, batchSize: number, batches: number, reserveShare = 0) =>
  defineJob({
    queue,
    batchSize,
    batches,
    // The sending threads, started before the first batch and shared by every delivery queue.
    lifecycle: deliveryThreads,
    handleBatch: (jobs) =>
      deliverBatch(
        jobs.map((job) => ({
          jobId: job.id,
          notificationId: job.payload.notificationId,
          isLastAttempt: job.isLastAttempt,
        })),
        { reserveShare },
      ),
  });

export const deliverEmailJob = deliveryJob(queues.deliverEmail, 200, 3);
export const deliverSmsJob = deliveryJob(queues.deliverSms, 200, 3);
// Its own loop with small batches: a bulk send filling the other queues never delays a sign-in code.
export const deliverPriorityJob = deliveryJob(queues.deliverPriority, 10, 2);
// Jobs' and campaigns' messages: as fast as the rate allows, less the fifth left for everything else.
export const deliverBulkJob = deliveryJob(queues.deliverBulk, 200, 3, 0.2);
