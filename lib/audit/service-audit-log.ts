import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditLogEntry = {
  id: string;
  at: Date;
  action: string;
  details: Prisma.JsonValue;
  who: { name: string; email: string } | null;
};

const PAGE_SIZE = 50;

/** A page of the service's audit log, newest first, with who did each thing. Access is the caller's to check. */
export async function listServiceAuditEvents(
  serviceId: string,
  page: number,
): Promise<{ items: AuditLogEntry[]; hasMore: boolean }> {
  const rows = await db.auditEvent.findMany({
    where: { serviceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE + 1,
    select: { id: true, createdAt: true, action: true, details: true, userId: true },
  });
  const events = rows.slice(0, PAGE_SIZE);
  const userIds = [...new Set(events.map((event) => event.userId).filter((id): id is string => id !== null))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })).map(
      (user) => [user.id, user],
    ),
  );
  return {
    items: events.map((event) => ({
      id: event.id,
      at: event.createdAt,
      action: event.action,
      details: event.details,
      who: (event.userId && users.get(event.userId)) || null,
    })),
    hasMore: rows.length > PAGE_SIZE,
  };
}
