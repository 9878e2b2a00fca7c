import "server-only";
import { db } from "@/lib/db";
import { PG_BOSS_SCHEMA } from "@/lib/queue/boss";

export type QueueFigures = { queue: string; state: string; jobs: number; oldestDueSeconds: number | null }[];

/**
 * Jobs waiting or running per pg-boss queue and state, with the age of the oldest job that is due
 * and not started (created or retry, its start time passed).
 */
export async function queueFigures(): Promise<QueueFigures> {
  const rows = await db.$queryRawUnsafe<{ name: string; state: string; jobs: bigint; oldest_seconds: number | null }[]>(
    `SELECT name, state::text AS state, count(*) AS jobs,
            extract(epoch FROM now() - min(created_on) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now()))::float8 AS oldest_seconds
     FROM ${PG_BOSS_SCHEMA}.job WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`,
  );
  return rows.map((row) => ({
    queue: row.name,
    state: row.state,
    jobs: Number(row.jobs),
    oldestDueSeconds: row.oldest_seconds === null ? null : Math.max(0, row.oldest_seconds),
  }));
}

/** The age of the oldest due job in any queue, 0 when none waits. */
export const oldestDueJobSeconds = (figures: QueueFigures): number =>
  Math.max(0, ...figures.map((row) => row.oldestDueSeconds ?? 0));
