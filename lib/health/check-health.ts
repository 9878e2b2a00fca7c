import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db";

export type HealthReport = {
  status: "ok" | "degraded" | "unavailable";
  database: { ok: boolean; latencyMs?: number; error?: string };
  worker: {
    status: "ok" | "stale" | "never-seen" | "unknown";
    lastHeartbeatAt: string | null;
    secondsSinceHeartbeat: number | null;
    liveWorkers: number;
  };
};

/**
 * The web app is unavailable without its database. A silent worker does not stop the web app
 * serving, so it makes the report "degraded" rather than failing it.
 */
export async function checkHealth(now: Date = new Date()): Promise<HealthReport> {
  const started = performance.now();
  try {
    await db.$queryRaw`SELECT 1`;
  } catch (error) {
    return {
      status: "unavailable",
      database: { ok: false, error: error instanceof Error ? error.message.split("\n")[0] : "unreachable" },
      worker: { status: "unknown", lastHeartbeatAt: null, secondsSinceHeartbeat: null, liveWorkers: 0 },
    };
  }
  const latencyMs = Math.round(performance.now() - started);

  // A worker that missed three beats in a row counts as gone.
  const staleAfterMs = config().WORKER_HEARTBEAT_SECONDS * 3_000;
  const [latest, liveWorkers] = await Promise.all([
    db.workerHeartbeat.findFirst({ orderBy: { lastBeatAt: "desc" }, select: { lastBeatAt: true } }),
    db.workerHeartbeat.count({ where: { lastBeatAt: { gte: new Date(now.getTime() - staleAfterMs) } } }),
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
  };
}
