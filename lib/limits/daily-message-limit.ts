import "server-only";
import type { SendingService } from "@/lib/services/sending-service";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { NotificationType } from "@/lib/generated/prisma/enums";
import { SIMULATED_RECIPIENTS } from "@/lib/recipients/simulated";
import { counters } from "./counters";

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

export type DailyReservation = { release: () => Promise<void> };

/**
 * Takes `count` messages from today's allowance (limits reset at midnight UTC, as Notify's do), or
 * refuses with Notify's TooManyRequestsError. Release the reservation if the messages are not sent.
 */
export async function reserveDailyMessages(
  service: SendingService,
  type: NotificationType,
  count = 1,
  now: Date = new Date(),
): Promise<DailyReservation> {
  const limit = type === "email" ? service.emailMessageLimit : service.smsMessageLimit;
  const key = `tidings:daily:${service.id}:${type}:${startOfUtcDay(now).toISOString().slice(0, 10)}`;
  const store = counters();
  const total = await store.add(key, count, 26 * 3600, () => sentToday(service.id, type, now));
  const release = async () => void (await store.add(key, -count, 26 * 3600, async () => 0));
  if (total > limit) {
    await release();
    throw new AppError("daily_limit", `Exceeded send limits (${type}: ${limit}) for today`);
  }
  return { release };
}
