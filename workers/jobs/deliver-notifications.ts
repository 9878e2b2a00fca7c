import { queues } from "@/lib/queue/queues";
import { deliverNotification } from "@/lib/notifications/deliver-notification";
import { defineJob } from "../define-job";

const deliveryJob = (queue: typeof queues.deliverEmail, concurrency: number) =>
  defineJob({
    queue,
    concurrency,
    handler: async ({ notificationId }, { isLastAttempt }) => {
      await deliverNotification({ notificationId, isLastAttempt });
    },
  });

export const deliverEmailJob = deliveryJob(queues.deliverEmail, 8);
export const deliverSmsJob = deliveryJob(queues.deliverSms, 8);
// Its own workers: a bulk send filling the other queues never delays a sign-in code.
export const deliverPriorityJob = deliveryJob(queues.deliverPriority, 4);
