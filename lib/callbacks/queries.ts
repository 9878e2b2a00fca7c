import "server-only";
import { db } from "@/lib/db";

/**
 * A service's callback URLs, without their tokens. Like the other queries here it leaves checking
 * the reader's access to the service to its caller.
 */
export async function getServiceCallbacks(serviceId: string) {
  return db.serviceCallbackApi.findMany({
    where: { serviceId },
    select: { callbackType: true, url: true, updatedAt: true },
    orderBy: { callbackType: "asc" },
  });
}

/** The service's most recent callback requests, newest first; `failedOnly` for the ones that did not get a 2xx. */
export async function listCallbackAttempts(serviceId: string, options: { failedOnly?: boolean; limit?: number } = {}) {
  return db.callbackAttempt.findMany({
    where: { serviceId, ...(options.failedOnly ? { succeeded: false } : {}) },
    orderBy: { createdAt: "desc" },
    take: Math.min(options.limit ?? 50, 500),
    select: {
      id: true,
      callbackType: true,
      subjectId: true,
      url: true,
      attempt: true,
      succeeded: true,
      statusCode: true,
      error: true,
      durationMs: true,
      createdAt: true,
    },
  });
}
