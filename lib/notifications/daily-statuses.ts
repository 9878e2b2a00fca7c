import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

const DAY_MS = 86_400_000;
/** Statuses can change for this many days after a message is sent (the sending timeout is 72 hours). */
const SETTLING_DAYS = 3;
/** Days back that are counted if they never were (a new installation, a worker that was down). */
const BACKFILL_DAYS = 7;

export const startOfUtcDay = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
const isoDay = (day: Date) => day.toISOString().slice(0, 10);

/**
 * Counts finished days' messages into daily_notification_statuses, by service, channel and status:
 * the last few days every time (their messages may still change status), and any earlier day of
 * the last week not counted yet. All of them in one pass over the rows, in one transaction, so the
 * dashboard sees a day either counted or not.
 */
export async function summariseDailyNotificationStatuses(now: Date = new Date()): Promise<{ days: string[] }> {
  const today = startOfUtcDay(now);
  const earliest = new Date(today.getTime() - BACKFILL_DAYS * DAY_MS);
  const counted = new Set(
    (await db.summarisedDay.findMany({ where: { day: { gte: earliest } }, select: { day: true } })).map((row) =>
      isoDay(row.day),
    ),
  );
  const days: Date[] = [];
  for (let day = earliest; day < today; day = new Date(day.getTime() + DAY_MS)) {
    if (!counted.has(isoDay(day)) || day.getTime() >= today.getTime() - SETTLING_DAYS * DAY_MS) days.push(day);
  }
  if (days.length === 0) return { days: [] };
  const names = days.map(isoDay);
  const from = days[0]!;
  await db.$transaction([
    db.$executeRaw`DELETE FROM daily_notification_statuses WHERE day = ANY(${names}::date[])`,
    db.$executeRaw`
      INSERT INTO daily_notification_statuses (service_id, day, notification_type, status, count)
      SELECT service_id, (created_at AT TIME ZONE 'UTC')::date AS day, notification_type, status, count(*) FROM (
        SELECT service_id, created_at, notification_type, status FROM notifications WHERE created_at >= ${from} AND created_at < ${today} AND key_type <> 'test'
        UNION ALL
        SELECT service_id, created_at, notification_type, status FROM notification_history WHERE created_at >= ${from} AND created_at < ${today} AND key_type <> 'test'
      ) AS finished
      WHERE (created_at AT TIME ZONE 'UTC')::date = ANY(${names}::date[])
      GROUP BY 1, 2, 3, 4`,
    db.$executeRaw`
      INSERT INTO summarised_days (day, summarised_at) SELECT unnest(${names}::date[]), now()
      ON CONFLICT (day) DO UPDATE SET summarised_at = excluded.summarised_at`,
  ]);
  return { days: names };
}

/** One service's messages, or every service's but one (the platform's own, in platform-wide figures). */
export type CountScope = { serviceId: string } | { exceptServiceId: string };

const inScope = (scope: CountScope) =>
  "serviceId" in scope
    ? Prisma.sql`service_id = ${scope.serviceId}::uuid`
    : Prisma.sql`service_id <> ${scope.exceptServiceId}::uuid`;

export type DailyStatusCount = { day: string; type: "email" | "sms"; status: string; count: number };

/**
 * Messages by day, channel and status since `since` (a UTC midnight): counted days from
 * daily_notification_statuses, and from the first day not counted onwards (normally today) from
 * the messages themselves.
 */
export async function dailyStatusCounts(
  scope: CountScope,
  since: Date,
  now: Date = new Date(),
): Promise<DailyStatusCount[]> {
  const today = startOfUtcDay(now);
  const counted = new Set(
    (await db.summarisedDay.findMany({ where: { day: { gte: since, lt: today } }, select: { day: true } })).map((row) =>
      isoDay(row.day),
    ),
  );
  let countFrom = since;
  while (countFrom < today && counted.has(isoDay(countFrom))) countFrom = new Date(countFrom.getTime() + DAY_MS);

  const [summarised, live] = await Promise.all([
    db.dailyNotificationStatus.groupBy({
      by: ["day", "type", "status"],
      where: {
        serviceId: "serviceId" in scope ? scope.serviceId : { not: scope.exceptServiceId },
        day: { gte: since, lt: countFrom },
      },
      _sum: { count: true },
    }),
    db.$queryRaw<{ day: Date; notification_type: "email" | "sms"; status: string; count: bigint }[]>`
      SELECT date_trunc('day', created_at AT TIME ZONE 'UTC') AS day, notification_type, status::text AS status, count(*) AS count FROM (
        SELECT created_at, notification_type, status FROM notifications WHERE ${inScope(scope)} AND created_at >= ${countFrom} AND key_type <> 'test'
        UNION ALL
        SELECT created_at, notification_type, status FROM notification_history WHERE ${inScope(scope)} AND created_at >= ${countFrom} AND key_type <> 'test'
      ) AS recent GROUP BY 1, 2, 3`,
  ]);
  return [
    ...summarised.map((row) => ({
      day: isoDay(row.day),
      type: row.type,
      status: row.status,
      count: row._sum.count ?? 0,
    })),
    ...live.map((row) => ({
      day: isoDay(row.day),
      type: row.notification_type,
      status: row.status,
      count: Number(row.count),
    })),
  ];
}
