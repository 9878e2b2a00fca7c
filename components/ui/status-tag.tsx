import { STATUS_LABELS } from "@/lib/notifications/status-labels";

export function StatusTag({ status }: { status: keyof typeof STATUS_LABELS }) {
  const { label, tone } = STATUS_LABELS[status];
  const colours = { neutral: "text-muted", good: "text-success font-bold", bad: "text-error font-bold" }[tone];
  return <span className={colours}>{label}</span>;
}
