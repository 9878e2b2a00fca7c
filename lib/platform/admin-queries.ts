import "server-only";
import { db } from "@/lib/db";
import { dailyStatusCounts, startOfUtcDay } from "@/lib/notifications/daily-statuses";
import { statusFromName } from "@/lib/notify-format/status-names";
import { FAILURE_STATUSES } from "@/lib/notifications/status-filters";
import { platformService } from "./platform-service";

const DAY_MS = 86_400_000;

/**
 * Figures across every service for platform administrators: services, people, and the last 7 days'
 * messages (today and the 6 before). Tidings' own messages (sign-in codes, invitations) are left out.
 */
export async function platformFigures(now: Date = new Date()) {
  const since = new Date(startOfUtcDay(now).getTime() - 6 * DAY_MS);
  const [services, liveServices, users, messages] = await Promise.all([
    db.service.count({ where: { active: true, isPlatformService: false } }),
    db.service.count({ where: { active: true, isPlatformService: false, trialMode: false } }),
    db.user.count(),
    platformService().then((own) => dailyStatusCounts({ exceptServiceId: own.id }, since, now)),
  ]);
  const sum = (type: "email" | "sms", failed?: boolean) =>
    messages
      .filter(
        (row) =>
          row.type === type &&
          (failed === undefined || FAILURE_STATUSES.includes(statusFromName(row.status)) === failed),
      )
      .reduce((total, row) => total + row.count, 0);
  return {
    services,
    liveServices,
    trialServices: services - liveServices,
    users,
    emails: sum("email"),
    emailsFailed: sum("email", true),
    texts: sum("sms"),
    textsFailed: sum("sms", true),
  };
}

/** Every service, newest first, optionally by name, with its member count. */
export async function listAllServices(search?: string) {
  return db.service.findMany({
    where: { isPlatformService: false, ...(search ? { name: { contains: search, mode: "insensitive" } } : {}) },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      name: true,
      trialMode: true,
      active: true,
      createdAt: true,
      _count: { select: { members: true } },
    },
  });
}

/** People, newest first, optionally by name or email. */
export async function listAllUsers(search?: string) {
  return db.user.findMany({
    where: search
      ? {
          OR: [
            { email: { contains: search, mode: "insensitive" } },
            { name: { contains: search, mode: "insensitive" } },
          ],
        }
      : {},
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      name: true,
      email: true,
      isPlatformAdmin: true,
      lastSignedInAt: true,
      lockedUntil: true,
      suspendedAt: true,
      _count: { select: { memberships: true } },
    },
  });
}

/** What Tidings' own texts (sign-in codes) come from now: the platform service's default sender, if it has one. */
export async function platformSmsSender(): Promise<string | null> {
  const sender = await db.serviceSmsSender.findFirst({
    where: { service: { isPlatformService: true }, isDefault: true, archivedAt: null },
    select: { sender: true },
  });
  return sender?.sender ?? null;
}
