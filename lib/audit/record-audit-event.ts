import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DbClient } from "@/lib/db";

export type AuditEventInput = {
  action: string;
  userId?: string | null;
  serviceId?: string | null;
  subjectType?: string;
  subjectId?: string;
  /** What changed. Never secrets or message content. */
  details?: Prisma.InputJsonValue;
  ipAddress?: string | null;
};

/** Writes an audit row, inside the caller's transaction when given one so the two commit together. */
export async function recordAuditEvent(client: DbClient, event: AuditEventInput): Promise<void> {
  await client.auditEvent.create({
    data: {
      action: event.action,
      userId: event.userId ?? null,
      serviceId: event.serviceId ?? null,
      subjectType: event.subjectType ?? null,
      subjectId: event.subjectId ?? null,
      details: event.details,
      ipAddress: event.ipAddress ?? null,
    },
  });
}
