import "server-only";
import { findContactList } from "@/lib/contact-lists/contact-lists";
import type { DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { queueSubscriberImport } from "./import-subscribers";

const refused = (message: string) => new AppError("validation", message, { audiences: message });

/**
 * A contact list a campaign may send to: the service's, checked without errors, and of email
 * addresses (a list of phone numbers cannot receive a campaign's email).
 */
export async function emailContactList(serviceId: string, contactListId: string) {
  const list = await findContactList(serviceId, contactListId);
  if (!list) throw refused("Choose contact lists of this service");
  if (list.file.type !== "email") throw refused(`‘${list.name}’ is a list of phone numbers: campaigns send emails`);
  if (list.file.status !== "valid") throw refused(`‘${list.name}’ has errors (or is still being checked)`);
  return list;
}

/**
 * The mailing list that holds a contact list's rows as subscribers, so that a campaign sends to it
 * as to any list: each recipient has a subscriber to name in their unsubscribe link, the
 * unsubscribed, bounced and complained stay so, and someone on both it and another list gets the
 * email once. Created the first time a campaign chooses the contact list (named after it, and
 * linked to it); each time one does, the contact list's file is copied in again by the worker
 * (streamed, upserted by address, never resubscribing anyone), unless a copy is already under way.
 * Returns the mailing list's id.
 */
export async function mailingListOfContactList(
  tx: DbTransaction,
  list: Awaited<ReturnType<typeof emailContactList>>,
  createdById: string | null,
): Promise<string> {
  const existing = await tx.mailingList.findUnique({ where: { contactListId: list.id }, select: { id: true } });
  const listId = existing?.id ?? (await createOwnedList(tx, list));
  const copying = await tx.subscriberImport.count({ where: { listId, status: "importing" } });
  if (copying === 0)
    await queueSubscriberImport(
      {
        serviceId: list.serviceId,
        listId,
        bucket: "contactLists",
        objectKey: list.file.objectKey,
        originalName: list.file.originalName,
        sizeBytes: list.file.sizeBytes,
        createdById,
      },
      tx,
    );
  await tx.contactList.update({ where: { id: list.id }, data: { lastUsedAt: new Date() } });
  return listId;
}

/** A new list named after the contact list, with a number when a list of the service has that name already. */
async function createOwnedList(tx: DbTransaction, list: { id: string; serviceId: string; name: string }) {
  const base = `${list.name} (contact list)`;
  const taken = new Set(
    (
      await tx.mailingList.findMany({
        where: { serviceId: list.serviceId, name: { startsWith: base } },
        select: { name: true },
      })
    ).map((row) => row.name),
  );
  let name = base;
  for (let number = 2; taken.has(name); number++) name = `${base} ${number}`;
  const created = await tx.mailingList.create({
    data: { serviceId: list.serviceId, name, contactListId: list.id },
    select: { id: true },
  });
  return created.id;
}
