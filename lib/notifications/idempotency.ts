import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { AcceptedNotification } from "./accepted-notification";

export type Idempotency = {
  key: string;
  /** Hash of what the request asked for; a retry must ask for the same thing. */
  requestHash: string;
  /** The response the edge will give, stored with the notification so a retry can get it again. */
  respond: (notification: AcceptedNotification) => { statusCode: number; body: unknown };
};

/** How long a key is remembered (then the cleanup job forgets it). */
const IDEMPOTENCY_KEY_TTL_HOURS = 24;

export async function findIdempotentResponse(
  serviceId: string,
  idempotency: Pick<Idempotency, "key" | "requestHash">,
): Promise<{ statusCode: number; body: unknown } | null> {
  const stored = await db.apiIdempotencyKey.findUnique({
    where: { serviceId_key: { serviceId, key: idempotency.key } },
  });
  if (!stored) return null;
  if (stored.createdAt.getTime() < Date.now() - IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000) {
    // Expired but not yet swept: forget it so the key can be used afresh.
    await db.apiIdempotencyKey.deleteMany({ where: { serviceId, key: idempotency.key, createdAt: stored.createdAt } });
    return null;
  }
  if (stored.requestHash !== idempotency.requestHash) {
    throw new AppError("conflict", "Idempotency-Key has already been used for a different request");
  }
  return { statusCode: stored.statusCode, body: stored.responseBody };
}

export async function deleteExpiredIdempotencyKeys(now: Date = new Date()): Promise<number> {
  return (
    await db.apiIdempotencyKey.deleteMany({
      where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000) } },
    })
  ).count;
}
