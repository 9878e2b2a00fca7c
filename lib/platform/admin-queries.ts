import { db } from "@/lib/db";

const DAY_MS = 86_400_000;

/** Figures across every service for platform administrators: services, people, and the last 7 days' messages. */
export async function platformFigures(now: Date = new Date()) {
  const since = new Date(now.getTime() - 7 * DAY_MS);
  const [services, liveServices, users, messages] = await Promise.all([
    db.service.count({ where: { active: true, isPlatformService: false } }),
    db.service.count({ where: { active: true, isPlatformService: false, trialMode: false } }),
    db.user.count(),
    db.$queryRaw<{ notification_type: "email" | "sms"; failed: boolean; count: bigint }[]>`
      SELECT notification_type, status::text LIKE '%failure' AS failed, count(*) AS count FROM notifications
      WHERE created_at >= ${since} AND key_type <> 'test' GROUP BY 1, 2`,
  ]);
  const sum = (type: "email" | "sms", failed?: boolean) => messages.filter((row) => row.notification_type === type && (failed === undefined || row.failed === failed)).reduce((total, row) => total + Number(row.count), 0);
  return { services, liveServices, trialServices: services - liveServices, users, emails: sum("email"), emailsFailed: sum("email", true), texts: sum("sms"), textsFailed: sum("sms", true) };
}

/** Every service, newest first, optionally by name, with its member count. */
export async function listAllServices(search?: string) {
  return db.service.findMany({
    where: { isPlatformService: false, ...(search ? { name: { contains: search, mode: "insensitive" } } : {}) },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, name: true, trialMode: true, active: true, createdAt: true, _count: { select: { members: true } } },
  });
}

/** People, newest first, optionally by name or email. */
export async function listAllUsers(search?: string) {
  return db.user.findMany({
    where: search ? { OR: [{ email: { contains: search, mode: "insensitive" } }, { name: { contains: search, mode: "insensitive" } }] } : {},
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, name: true, email: true, isPlatformAdmin: true, lastSignedInAt: true, lockedUntil: true, _count: { select: { memberships: true } } },
  });
}
