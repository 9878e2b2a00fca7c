import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";

/** Takes an entry off the service's guest list. Needs "manage API integration". */
export async function removeGuestListEntry({
  actor,
  serviceId,
  entryId,
}: ServiceWrite<{ entryId: string }>): Promise<{ recipient: string }> {
  await requireServicePermission(actor, serviceId, "manage_api_keys");
  if (!isUuid(entryId)) throw notFound("Guest list entry");
  return db.$transaction(async (tx) => {
    const entry = await tx.serviceGuestListEntry.findFirst({
      where: { id: entryId, serviceId },
      select: { id: true, recipientType: true, recipient: true },
    });
    if (!entry) throw notFound("Guest list entry");
    await tx.serviceGuestListEntry.delete({ where: { id: entry.id } });
    // Like the suppression list, the audit log keeps what kind of recipient it was, not who: that is personal data.
    await recordAuditEvent(tx, {
      action: "guest_list.entry_removed",
      serviceId,
      userId: actor.userId,
      subjectType: "guest_list_entry",
      subjectId: entry.id,
      details: { recipientType: entry.recipientType },
    });
    return { recipient: entry.recipient };
  });
}
