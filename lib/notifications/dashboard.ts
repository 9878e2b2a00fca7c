import "server-only";
import { db } from "@/lib/db";
import { dailyStatusCounts, startOfUtcDay } from "./daily-statuses";
import { statusFromName } from "@/lib/notify-format/status-names";
import { FAILURE_STATUSES } from "./status-filters";
import { statusLabel } from "./status-labels";

export type ChannelCounts = { sending: number; delivered: number; failed: number; total: number };
export type DashboardSummary = {
  totals: { email: ChannelCounts; sms: ChannelCounts };
  daily: { day: string; email: number; sms: number }[];
  /** Messages per template over the same days, most used first. */
  templateUsage: { templateId: string; name: string; type: "email" | "sms"; count: number }[];
  recentFailures: {
    id: string;
    recipient: string;
    status: string;
    /** What the status means, in the console's words. */
    statusLabel: string;
    templateName: string;
    createdAt: string;
  }[];
};

const DAYS = 7;
const empty = (): ChannelCounts => ({ sending: 0, delivered: 0, failed: 0, total: 0 });

const FRESH_FOR_MS = 15_000;
const recent = new Map<string, { at: number; summary: Promise<DashboardSummary> }>();

/**
 * The dashboard's figures, computed at most every 15 seconds per service and process: the page
 * polls while sending, and today's messages are counted row by row.
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
 * the latest failures. Archived notifications (past retention) still count, from the history table;
 * finished days come from the daily counts (daily-statuses).
 * @internal Exported for the tests and the dashboard benchmark, which measure it uncached.
 */
export async function dashboardSummary(serviceId: string, now: Date = new Date()): Promise<DashboardSummary> {
  const since = new Date(startOfUtcDay(now).getTime() - (DAYS - 1) * 86_400_000);
  const counts = await dailyStatusCounts({ serviceId }, since, now);
  const totals = { email: empty(), sms: empty() };
  const perDay = new Map<string, { email: number; sms: number }>();
  for (let index = 0; index < DAYS; index++)
    perDay.set(new Date(since.getTime() + index * 86_400_000).toISOString().slice(0, 10), { email: 0, sms: 0 });
  for (const row of counts) {
    const status = statusFromName(row.status);
    const bucket =
      status === "delivered" || status === "sent"
        ? "delivered"
        : FAILURE_STATUSES.includes(status)
          ? "failed"
          : status === "cancelled"
            ? null
            : "sending";
    const channel = totals[row.type];
    channel.total += row.count;
    if (bucket) channel[bucket] += row.count;
    const day = perDay.get(row.day);
    if (day) day[row.type] += row.count;
  }
  const usage = await db.notification.groupBy({
    by: ["templateId"],
    where: { serviceId, createdAt: { gte: since }, keyType: { not: "test" } },
    _count: { _all: true },
    orderBy: { _count: { templateId: "desc" } },
    take: 10,
  });
  const templates = await db.template.findMany({
    where: { serviceId, id: { in: usage.map((row) => row.templateId) } },
    select: { id: true, name: true, type: true },
  });
  const templateOf = new Map(templates.map((template) => [template.id, template]));
  const failures = await db.notification.findMany({
    where: { serviceId, status: { in: FAILURE_STATUSES }, createdAt: { gte: since }, keyType: { not: "test" } },
    orderBy: { createdAt: "desc" },
    take: 5,
    select: {
      id: true,
      recipient: true,
      status: true,
      createdAt: true,
      templateVersionRef: { select: { name: true } },
    },
  });
  return {
    totals,
    daily: [...perDay].map(([day, counts]) => ({ day, ...counts })),
    templateUsage: usage.flatMap((row) => {
      const template = templateOf.get(row.templateId);
      return template
        ? [{ templateId: row.templateId, name: template.name, type: template.type, count: row._count._all }]
        : [];
    }),
    recentFailures: failures.map((failure) => ({
      id: failure.id,
      recipient: failure.recipient,
      status: failure.status,
      statusLabel: statusLabel(failure.status),
      templateName: failure.templateVersionRef.name,
      createdAt: failure.createdAt.toISOString(),
    })),
  };
}
