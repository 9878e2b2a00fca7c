import "server-only";
import type { NotificationType } from "@/lib/generated/prisma/enums";
import { queues } from "@/lib/queue/queues";

/**
 * Sign-in codes and other priority templates have a queue of their own; bulk sends (jobs) another,
 * worked with send tokens left in reserve for the rest; the rest go by channel.
 */
export function deliveryQueueFor(type: NotificationType, processType: "normal" | "priority", bulk = false) {
  if (processType === "priority") return queues.deliverPriority;
  if (bulk) return queues.deliverBulk;
  return type === "email" ? queues.deliverEmail : queues.deliverSms;
}
