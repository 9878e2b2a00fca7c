import "server-only";
import { db } from "@/lib/db";
import type { GuestListRecipientType } from "@/lib/generated/prisma/enums";

export type GuestListEntry = { id: string; recipientType: GuestListRecipientType; recipient: string; createdAt: Date };

/** The service's guest list, email addresses first. Access is the caller's to check. */
export async function listGuestList(serviceId: string): Promise<GuestListEntry[]> {
  return db.serviceGuestListEntry.findMany({
    where: { serviceId },
    orderBy: [{ recipientType: "asc" }, { recipient: "asc" }],
    select: { id: true, recipientType: true, recipient: true, createdAt: true },
  });
}
