import "server-only";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { queueOptOutListSync } from "./suppression-list";

/**
 * Takes a recipient off the service's suppression list, so it can be sent to again, and records
 * who did it. Needs "manage settings".
 */
export async function removeSuppression({
  actor,
  serviceId,
  entryId,
}: ServiceWrite<{ entryId: string }>): Promise<{ recipient: string }> {
  await requireServicePermission(actor, serviceId, "manage_service");
  if (!isUuid(entryId)) throw notFound("Suppression list entry");
  return db.$transaction(async (tx) => {
    const entry = await tx.suppressionEntry.findFirst({
      where: { id: entryId, serviceId },
      select: { id: true, recipient: true, reason: true, recipientType: true },
    });
    if (!entry) throw notFound("Suppression list entry");
    await tx.suppressionEntry.delete({ where: { id: entry.id } });
    if (entry.recipientType === "mobile") await queueOptOutListSync(tx, serviceId, entry.recipient);
    // The recipient itself is personal data: the audit log keeps only what kind of entry it was.
    await recordAuditEvent(tx, {
      action: "suppression.removed",
      serviceId,
      userId: actor.userId,
      subjectType: "suppression_entry",
      subjectId: entry.id,
      details: { reason: entry.reason },
    });
    return { recipient: entry.recipient };
  });
}
