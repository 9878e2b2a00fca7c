import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { countAudience } from "./audience";
import { findMailingList } from "./queries";
import { segmentSchema, type SegmentDefinition } from "./schemas";

export type SegmentView = SegmentDefinition & { id: string; listId: string };

/** Saves a segment of a list (its conditions, joined by and or or). Needs "send messages". */
export async function createSegment({
  actor,
  serviceId,
  listId,
  segment,
}: ServiceWrite<{ listId: string; segment: unknown }>): Promise<{ id: string }> {
  await requireServicePermission(actor, serviceId, "send_messages");
  await findMailingList(serviceId, listId);
  const parsed = parseInput(segmentSchema, segment);
  return db.$transaction(async (tx) => {
    const created = await tx.segment.create({
      data: {
        serviceId,
        listId,
        name: parsed.name,
        match: parsed.match,
        conditions: parsed.conditions as Prisma.InputJsonArray,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      action: "mailing_list.segment_created",
      serviceId,
      userId: actor.userId,
      subjectType: "segment",
      subjectId: created.id,
      details: { name: parsed.name },
    });
    return created;
  });
}

const segmentViewOf = (row: { id: string; listId: string; name: string; match: string; conditions: unknown }) => ({
  id: row.id,
  listId: row.listId,
  ...segmentSchema.parse({ name: row.name, match: row.match, conditions: row.conditions }),
});

/** A list's saved segments. */
export async function listSegments(serviceId: string, listId: string): Promise<SegmentView[]> {
  const rows = await db.segment.findMany({ where: { serviceId, listId }, orderBy: { createdAt: "asc" } });
  return rows.map(segmentViewOf);
}

/**
 * How many people a segment (saved or being made) would send to now: the live count shown beside
 * it. A definition that does not parse yet counts nobody.
 */
export async function countSegment(serviceId: string, listId: string, segment: unknown) {
  const parsed = segmentSchema.safeParse(segment);
  if (!parsed.success) return null;
  return countAudience(serviceId, [{ listId, segment: parsed.data }]);
}
