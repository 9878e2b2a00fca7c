import { db } from "@/lib/db";
import { FAILURE_STATUSES, statusFromName } from "./statuses";

export type ChannelCounts = { sending: number; delivered: number; failed: number; total: number };
export type DashboardSummary = {
  totals: { email: ChannelCounts; sms: ChannelCounts };
  daily: { day: string; email: number; sms: number }[];
  recentFailures: { id: string; recipient: string; status: string; templateName: string; createdAt: string }[];
};

const DAYS = 7;
const empty = (): ChannelCounts => ({ sending: 0, delivered: 0, failed: 0, total: 0 });

const FRESH_FOR_MS = 15_000;
const recent = new Map<string, { at: number; summary: Promise<DashboardSummary> }>();

/**
 * The dashboard's figures, computed at most every 15 seconds per service and process: counting a
 * busy week (a million messages) takes a second or two, and the page polls while sending.
 */
export function recentDashboardSummary(serviceId: string, now: number = Date.now()): Promise<DashboardSummary> {
  const cached = recent.get(serviceId);
  if (cached && now - cached.at < FRESH_FOR_MS) return cached.summary;
  if (recent.size > 10_000) recent.clear();
  const summary = dashboardSummary(serviceId);
  recent.set(serviceId, { at: now, summary });
  summary.catch(() => recent.delete(serviceId));
  return summary;
}

/**
 * A service's last seven days at a glance: messages by channel and outcome, a count per day, and
 * the latest failures. Archived notifications (past retention) still count, from the history table.
 */
export async function dashboardSummary(serviceId: string, now: Date = new Date()): Promise<DashboardSummary> {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (DAYS - 1) * 86_400_000);
  const rows = await db.$queryRaw<{ day: Date; notification_type: "email" | "sms"; status: string; count: bigint }[]>`
    SELECT date_trunc('day', created_at AT TIME ZONE 'UTC') AS day, notification_type, status::text AS status, count(*) AS count FROM (
      SELECT created_at, notification_type, status FROM notifications WHERE service_id = ${serviceId}::uuid AND created_at >= ${since} AND key_type <> 'test'
      UNION ALL
      SELECT created_at, notification_type, status FROM notification_history WHERE service_id = ${serviceId}::uuid AND created_at >= ${since} AND key_type <> 'test'
    ) AS recent GROUP BY 1, 2, 3`;
  const totals = { email: empty(), sms: empty() };
  const perDay = new Map<string, { email: number; sms: number }>();
  for (let index = 0; index < DAYS; index++) perDay.set(new Date(since.getTime() + index * 86_400_000).toISOString().slice(0, 10), { email: 0, sms: 0 });
  for (const row of rows) {
    const count = Number(row.count);
    const status = statusFromName(row.status);
    const bucket = status === "delivered" || status === "sent" ? "delivered" : FAILURE_STATUSES.includes(status) ? "failed" : status === "cancelled" ? null : "sending";
    const channel = totals[row.notification_type];
    channel.total += count;
    if (bucket) channel[bucket] += count;
    const day = perDay.get(row.day.toISOString().slice(0, 10));
    if (day) day[row.notification_type] += count;
  }
  const failures = await db.notification.findMany({
    where: { serviceId, status: { in: FAILURE_STATUSES }, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    take: 5,
    select: { id: true, recipient: true, status: true, createdAt: true, templateVersionRef: { select: { name: true } } },
  });
  return {
    totals,
    daily: [...perDay].map(([day, counts]) => ({ day, ...counts })),
    recentFailures: failures.map((failure) => ({ id: failure.id, recipient: failure.recipient, status: failure.status, templateName: failure.templateVersionRef.name, createdAt: failure.createdAt.toISOString() })),
  };
}
