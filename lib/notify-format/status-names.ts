import "server-only";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";

/** How statuses are written in the API, in callbacks and in the database ("temporary-failure"). */
export function statusName(status: NotificationStatus): string {
  return status.replace(/_/g, "-");
}

/** The status a database or API name stands for. */
export function statusFromName(name: string): NotificationStatus {
  return name.replace(/-/g, "_") as NotificationStatus;
}
