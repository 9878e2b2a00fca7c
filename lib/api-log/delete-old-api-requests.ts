import "server-only";
import { db } from "@/lib/db";

/** How long the API log keeps a request: it is for debugging an integration, not for history. */
const API_LOG_RETENTION_DAYS = 7;

/** Deletes API log records older than the retention period; returns how many went. Meant for a scheduled job. */
export async function deleteOldApiRequests(now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - API_LOG_RETENTION_DAYS * 86_400_000);
  const { count } = await db.apiRequestLog.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return count;
}
