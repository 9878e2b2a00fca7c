import "server-only";
import type { SendingService } from "@/lib/services/sending-service";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { NotificationType } from "@/lib/generated/prisma/enums";
import { log } from "@/lib/log";
import { SIMULATED_RECIPIENTS } from "@/lib/recipients/simulated";
import { counters, CountersUnavailable } from "./counters";

const startOfUtcDay = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

/** What counts towards the limit: real sends (not test keys, not simulated recipients) since midnight UTC. */
async function sentToday(serviceId: string, type: NotificationType, now: Date): Promise<number> {
  return db.notification.count({
    where: {
      serviceId,
      type,
      keyType: { not: "test" },
      createdAt: { gte: startOfUtcDay(now) },
      normalisedRecipient: { notIn: SIMULATED_RECIPIENTS[type] },
    },
  });
}

/** How many more messages of this type the service may send today (a bulk send's check refuses a file with more rows). */
export async function messagesLeftToday(
  service: SendingService,
  type: NotificationType,
  now: Date = new Date(),
): Promise<number> {
  const limit = type === "email" ? service.emailMessageLimit : service.smsMessageLimit;
  return Math.max(0, limit - (await sentToday(service.id, type, now)));
}

export type DailyReservation = { release: () => Promise<void> };

const TTL_SECONDS = 26 * 3600;
let lastWarnedAt = 0;

/**
 * Takes `count` messages from today's allowance (limits reset at midnight UTC, as Notify's do), or
 * refuses with Notify's TooManyRequestsError. Release the reservation if the messages are not sent.
 *
 * With REDIS_URL set and Redis unreachable, the allowance is counted from PostgreSQL instead (the
 * messages stored today, plus these): never unlimited. Requests accepted at the same moment do not
 * see each other there, so the limit can be passed by at most the sends in flight at that moment.
 */
export async function reserveDailyMessages(
  service: SendingService,
  type: NotificationType,
  count = 1,
  now: Date = new Date(),
): Promise<DailyReservation> {
  const limit = type === "email" ? service.emailMessageLimit : service.smsMessageLimit;
  const key = `tidings:daily:${service.id}:${type}:${startOfUtcDay(now).toISOString().slice(0, 10)}`;
  const store = await counters();
  let total: number;
  let release = async () => {
    // Redis down again: the counter is marked stale and starts again from PostgreSQL, which never stored these.
    await store
      .add(key, -count, TTL_SECONDS, async () => 0)
      .catch((error: unknown) => {
        if (!(error instanceof CountersUnavailable)) throw error;
      });
  };
  try {
    total = await store.add(key, count, TTL_SECONDS, () => sentToday(service.id, type, now));
  } catch (error) {
    if (!(error instanceof CountersUnavailable)) throw error;
    if (Date.now() - lastWarnedAt > 60_000) {
      lastWarnedAt = Date.now();
      log.warn({ err: error }, "Redis unavailable: daily message limits are counted from PostgreSQL");
    }
    total = (await sentToday(service.id, type, now)) + count;
    release = async () => undefined;
  }
  if (total > limit) {
    await release();
    throw new AppError("daily_limit", `Exceeded send limits (${type}: ${limit}) for today`);
  }
  return { release };
}
