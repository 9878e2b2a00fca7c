import type { NotificationStatus } from "@/lib/generated/prisma/enums";
import { STATUS_LABELS } from "@/lib/notifications/status-labels";

export function StatusTag({ status }: { status: NotificationStatus }) {
  const { label, tone } = STATUS_LABELS[status];
  const colours = { neutral: "text-muted", good: "text-success font-bold", bad: "text-error font-bold" }[tone];
  return <span className={colours}>{label}</span>;
}
