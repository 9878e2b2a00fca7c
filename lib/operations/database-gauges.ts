import "server-only";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics/metrics";
import { allQueues } from "@/lib/queue/queues";
import { eventBacklog } from "@/lib/sns/apply-stored-events";
import { queueFigures } from "./queue-figures";
import { listScheduledJobs } from "./scheduled-jobs";

const WAITING_STATES = ["created", "retry", "active"] as const;

/**
 * Figures read from the database when /metrics is scraped (never on a busy path): queue depth and
 * the age of the oldest job due per queue, the send budgets, provider events waiting, overdue
 * scheduled jobs. A database that does not answer leaves them as they were.
 */
export async function refreshDatabaseGauges(): Promise<void> {
  const m = metrics();
  try {
    const [queueRows, budgets, backlog, scheduled] = await Promise.all([
      queueFigures(),
      db.providerSendBudget.findMany({ select: { key: true, tokens: true } }),
      eventBacklog(),
      listScheduledJobs(),
    ]);
    m.queueJobs.reset();
    m.queueOldestAge.reset();
    for (const queue of allQueues) {
      for (const state of WAITING_STATES) m.queueJobs.set({ queue: queue.name, state }, 0);
      m.queueOldestAge.set({ queue: queue.name }, 0);
    }
    const oldest = new Map<string, number>();
    for (const row of queueRows) {
      m.queueJobs.set({ queue: row.queue, state: row.state }, row.jobs);
      if (row.oldestDueSeconds !== null)
        oldest.set(row.queue, Math.max(oldest.get(row.queue) ?? 0, row.oldestDueSeconds));
    }
    for (const [queue, seconds] of oldest) m.queueOldestAge.set({ queue }, seconds);
    m.sendBudgetTokens.reset();
    for (const budget of budgets) m.sendBudgetTokens.set({ provider: budget.key }, budget.tokens);
    m.eventsWaiting.set(backlog.waiting);
    m.scheduledOverdue.reset();
    for (const job of scheduled) m.scheduledOverdue.set({ job: job.name }, job.overdue ? 1 : 0);
  } catch (error) {
    log.warn({ err: error }, "metrics: figures from the database could not be read");
  }
}
