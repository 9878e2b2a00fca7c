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

/** Every recipient a service in trial mode may send to (members and guest list), read once for a whole file. */
export async function teamAndGuestListRecipients(serviceId: string, type: NotificationType): Promise<Set<string>> {
  const [members, guests] = await Promise.all([
    db.serviceMember.findMany({
      where: { serviceId },
      select: { user: { select: { email: true, mobileNumber: true } } },
    }),
    db.serviceGuestListEntry.findMany({
      where: { serviceId, recipientType: type === "email" ? "email" : "mobile" },
      select: { recipient: true },
    }),
  ]);
  return new Set([
    ...members.flatMap(({ user }) => {
      const recipient = type === "email" ? user.email : user.mobileNumber;
      return recipient ? [recipient] : [];
    }),
    ...guests.map((guest) => guest.recipient),
  ]);
}
