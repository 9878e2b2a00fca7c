import "server-only";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";

export const FAILURE_STATUSES: NotificationStatus[] = ["technical_failure", "temporary_failure", "permanent_failure"];

/** The statuses an API `status` filter stands for. `failed` is Notify's alias for every failure; letter statuses match nothing here. */
export function statusesForFilter(filter: string): NotificationStatus[] {
  if (filter === "failed") return FAILURE_STATUSES;
  const status = filter.replace(/-/g, "_") as NotificationStatus;
  return ["created", "sending", "pending", "sent", "delivered", "cancelled", ...FAILURE_STATUSES].includes(status)
    ? [status]
    : [];
}
