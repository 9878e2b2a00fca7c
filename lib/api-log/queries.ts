import "server-only";
import { db } from "@/lib/db";

export type ApiRequestLogEntry = {
  id: string;
  at: Date;
  method: string;
  path: string;
  statusCode: number;
  errorType: string | null;
  errorMessage: string | null;
  durationMs: number;
  keyName: string | null;
};

const RECENT_REQUESTS = 50;

/** The service's last 50 API requests, newest first, or only those that failed. Access is the caller's to check. */
export async function listRecentApiRequests(
  serviceId: string,
  options: { failedOnly?: boolean } = {},
): Promise<ApiRequestLogEntry[]> {
  const [requests, keys] = await Promise.all([
    db.apiRequestLog.findMany({
      where: { serviceId, ...(options.failedOnly ? { statusCode: { gte: 400 } } : {}) },
      orderBy: { createdAt: "desc" },
      take: RECENT_REQUESTS,
      select: {
        id: true,
        createdAt: true,
        method: true,
        path: true,
        statusCode: true,
        errorType: true,
        errorMessage: true,
        durationMs: true,
        apiKeyId: true,
      },
    }),
    db.apiKey.findMany({ where: { serviceId }, select: { id: true, name: true } }),
  ]);
  const keyNames = new Map(keys.map((key) => [key.id, key.name]));
  return requests.map(({ apiKeyId, createdAt, ...request }) => ({
    ...request,
    at: createdAt,
    keyName: apiKeyId ? (keyNames.get(apiKeyId) ?? null) : null,
  }));
}
