import "server-only";
import { db } from "@/lib/db";
import type { NotificationType } from "@/lib/generated/prisma/enums";

/**
 * Whether a service in trial mode, or a team key, may send to this recipient: a member of the
 * service (their email address or mobile number) or an entry on its guest list.
 */
export async function isTeamOrGuestListRecipient(
  serviceId: string,
  type: NotificationType,
  normalisedRecipient: string,
): Promise<boolean> {
  const member = await db.serviceMember.findFirst({
    where: {
      serviceId,
      user: type === "email" ? { email: normalisedRecipient } : { mobileNumber: normalisedRecipient },
    },
    select: { userId: true },
  });
  if (member) return true;
  const guest = await db.serviceGuestListEntry.findFirst({
    where: { serviceId, recipientType: type === "email" ? "email" : "mobile", recipient: normalisedRecipient },
    select: { id: true },
  });
  return guest !== null;
}
