import "server-only";
import type { NotificationType } from "@/lib/generated/prisma/enums";
import { queues } from "@/lib/queue/queues";

/** Sign-in codes and other priority templates have a queue of their own; the rest go by channel. */
export function deliveryQueueFor(type: NotificationType, processType: "normal" | "priority") {
  if (processType === "priority") return queues.deliverPriority;
  return type === "email" ? queues.deliverEmail : queues.deliverSms;
}
