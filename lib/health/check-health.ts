import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { unconfirmedSendOutcomes, type UnconfirmedSendOutcome } from "@/lib/notifications/unconfirmed-sends";
import { overdueScheduledJobs } from "@/lib/operations/scheduled-jobs";
import { eventBacklog } from "@/lib/sns/apply-stored-events";

export type HealthReport = {
  status: "ok" | "degraded" | "unavailable";
  database: { ok: boolean; latencyMs?: number; error?: string };
  worker: {
    status: "ok" | "stale" | "never-seen" | "unknown";
    lastHeartbeatAt: string | null;
    secondsSinceHeartbeat: number | null;
    liveWorkers: number;
  };
  /** Providers' events stored but not applied yet, and how long the oldest has waited. */
  events: { waiting: number; oldestWaitingSeconds: number | null };
  /**
   * What becomes of a send whose worker died before the provider answered, per channel: handed over
   * again when the provider reports every message it accepts (SES_SEND_EVENTS, SMS_TEXT_EVENTS),
   * otherwise a technical failure after DELIVERY_RECONCILE_AFTER_MINUTES.
   */
  unconfirmedSends: { email: UnconfirmedSendOutcome; sms: UnconfirmedSendOutcome };
  /** Scheduled jobs that have not succeeded within twice their period (see the Scheduled jobs page). */
  scheduledJobs: { overdue: string[] };
  /** What an operator should set up, though nothing is failing yet. */
  warnings: string[];
};

// Health answers within a few seconds even when the database holds its connections and says nothing.
const DATABASE_CHECK_TIMEOUT_MS = 3000;

function withinTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("database unavailable")), DATABASE_CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The web app is unavailable without its database. A silent worker does not stop the web app
 * serving, so it makes the report "degraded" rather than failing it, as does a scheduled job that
 * has not succeeded within twice its period.
 */
export async function checkHealth(now: Date = new Date()): Promise<HealthReport> {
  const started = performance.now();
  // A worker that missed three beats in a row counts as gone.
  const staleAfterMs = config().WORKER_HEARTBEAT_SECONDS * 3_000;
  let latencyMs: number;
  let latest: { lastBeatAt: Date } | null;
  let liveWorkers: number;
  let events: HealthReport["events"];
  let overdue: string[];
  let warnings: string[];
  try {
    await withinTimeout(db.$queryRaw`SELECT 1`);
    latencyMs = Math.round(performance.now() - started);
    // The database can go away between the two: then it is unavailable too, never a 500.
    [latest, liveWorkers, events, overdue, warnings] = await withinTimeout(
      Promise.all([
        db.workerHeartbeat.findFirst({ orderBy: { lastBeatAt: "desc" }, select: { lastBeatAt: true } }),
        db.workerHeartbeat.count({ where: { lastBeatAt: { gte: new Date(now.getTime() - staleAfterMs) } } }),
        eventBacklog(),
        overdueScheduledJobs(now),
        setupWarnings(),
      ]),
    );
  } catch {
    return {
      status: "unavailable",
      // The error itself goes nowhere: health is public, and says only what an operator acts on.
      database: { ok: false, error: "database unavailable" },
      worker: { status: "unknown", lastHeartbeatAt: null, secondsSinceHeartbeat: null, liveWorkers: 0 },
      events: { waiting: 0, oldestWaitingSeconds: null },
      unconfirmedSends: unconfirmedSendOutcomes(),
      scheduledJobs: { overdue: [] },
      warnings: [],
    };
  }
  const ageMs = latest ? now.getTime() - latest.lastBeatAt.getTime() : null;
  const workerStatus = ageMs === null ? "never-seen" : ageMs <= staleAfterMs ? "ok" : "stale";
  return {
    status: workerStatus === "ok" && overdue.length === 0 ? "ok" : "degraded",
    database: { ok: true, latencyMs },
    worker: {
      status: workerStatus,
      lastHeartbeatAt: latest?.lastBeatAt.toISOString() ?? null,
      secondsSinceHeartbeat: ageMs === null ? null : Math.round(ageMs / 1000),
      liveWorkers,
    },
    events,
    unconfirmedSends: unconfirmedSendOutcomes(),
    scheduledJobs: { overdue },
    warnings,
  };
}

/** Text messages are sent through AWS but Tidings' own (sign-in codes) have no number of their own to come from. */
async function setupWarnings(): Promise<string[]> {
  if (config().smsProvider === "simulated" || config().SMS_ORIGINATION_IDENTITY) return [];
  const platformSender = await db.serviceSmsSender.findFirst({
    where: { service: { isPlatformService: true }, isDefault: true, archivedAt: null },
    select: { id: true },
  });
  return platformSender
    ? []
    : [
        "No platform number is set: choose one on the Phone numbers page (or set SMS_ORIGINATION_IDENTITY) so sign-in codes by text have a number to come from",
      ];
}
