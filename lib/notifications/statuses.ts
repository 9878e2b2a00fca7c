import type { NotificationStatus } from "@/lib/generated/prisma/enums";

/** How statuses are written in the API and the database ("temporary-failure"). */
export function statusName(status: NotificationStatus): string {
  return status.replace(/_/g, "-");
}

/** The status a database or API name stands for. */
export function statusFromName(name: string): NotificationStatus {
  return name.replace(/-/g, "_") as NotificationStatus;
}

export const FAILURE_STATUSES: NotificationStatus[] = ["technical_failure", "temporary_failure", "permanent_failure"];

/** The statuses an API `status` filter stands for. `failed` is Notify's alias for every failure; letter statuses match nothing here. */
export function statusesForFilter(filter: string): NotificationStatus[] {
  if (filter === "failed") return FAILURE_STATUSES;
  const status = filter.replace(/-/g, "_") as NotificationStatus;
  return ["created", "sending", "pending", "sent", "delivered", "cancelled", ...FAILURE_STATUSES].includes(status)
    ? [status]
    : [];
}
