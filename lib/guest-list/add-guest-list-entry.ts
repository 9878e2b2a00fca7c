import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { parseGuestListRecipient } from "./guest-list-recipient";

/**
 * Puts an email address or mobile number on the service's guest list, so a service in trial mode
 * (or a team key) may send to it. Needs "manage API integration".
 */
export async function addGuestListEntry({
  actor,
  serviceId,
  ...input
}: ServiceWrite<{ recipient: string }>): Promise<{ id: string; recipient: string }> {
  await requireServicePermission(actor, serviceId, "manage_api_keys");
  const { recipientType, recipient } = parseGuestListRecipient(input.recipient ?? "");
  return db.$transaction(async (tx) => {
    const [created] = await tx.serviceGuestListEntry.createManyAndReturn({
      data: [{ serviceId, recipientType, recipient }],
      skipDuplicates: true,
      select: { id: true },
    });
    if (!created)
      throw new AppError("conflict", "Already on the guest list", {
        recipient: `${recipient} is already on the guest list`,
      });
    // Like the suppression list, the audit log keeps what kind of recipient it was, not who: that is personal data.
    await recordAuditEvent(tx, {
      action: "guest_list.entry_added",
      serviceId,
      userId: actor.userId,
      subjectType: "guest_list_entry",
      subjectId: created.id,
      details: { recipientType },
    });
    return { id: created.id, recipient };
  });
}
