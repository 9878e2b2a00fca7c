import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
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
 * serving, so it makes the report "degraded" rather than failing it.
 */
export async function checkHealth(now: Date = new Date()): Promise<HealthReport> {
  const started = performance.now();
  try {
    await withinTimeout(db.$queryRaw`SELECT 1`);
  } catch {
    return {
      status: "unavailable",
      // The error itself goes nowhere: health is public, and says only what an operator acts on.
      database: { ok: false, error: "database unavailable" },
      worker: { status: "unknown", lastHeartbeatAt: null, secondsSinceHeartbeat: null, liveWorkers: 0 },
      events: { waiting: 0, oldestWaitingSeconds: null },
    };
  }
  const latencyMs = Math.round(performance.now() - started);

  // A worker that missed three beats in a row counts as gone.
  const staleAfterMs = config().WORKER_HEARTBEAT_SECONDS * 3_000;
  const [latest, liveWorkers, events] = await Promise.all([
    db.workerHeartbeat.findFirst({ orderBy: { lastBeatAt: "desc" }, select: { lastBeatAt: true } }),
    db.workerHeartbeat.count({ where: { lastBeatAt: { gte: new Date(now.getTime() - staleAfterMs) } } }),
    eventBacklog(),
  ]);
  const ageMs = latest ? now.getTime() - latest.lastBeatAt.getTime() : null;
  const workerStatus = ageMs === null ? "never-seen" : ageMs <= staleAfterMs ? "ok" : "stale";
  return {
    status: workerStatus === "ok" ? "ok" : "degraded",
    database: { ok: true, latencyMs },
    worker: {
      status: workerStatus,
      lastHeartbeatAt: latest?.lastBeatAt.toISOString() ?? null,
      secondsSinceHeartbeat: ageMs === null ? null : Math.round(ageMs / 1000),
      liveWorkers,
    },
    events,
  };
}
