import "server-only";
import { v7 as uuidv7 } from "uuid";
import { db, type DbTransaction } from "@/lib/db";
import { Prisma, type SubscriberStatus } from "@/lib/generated/prisma/client";

export type SubscriberRow = {
  email: string;
  normalisedEmail: string;
  name: string | null;
  attributes: Prisma.InputJsonObject;
  /** From an export imported again: who had left the list stays off it. Absent, a new person is subscribed. */
  status?: SubscriberStatus;
};

/**
 * Adds subscribers to a list, or updates the ones already on it (matched by address): the address
 * as given, the name when one is given, and the attributes merged over the stored ones. A
 * subscriber who unsubscribed, bounced or complained stays so: importing a list again never
 * resubscribes anyone, though a row with a status (an export's) takes a subscribed person off the
 * list. Returns how many were new and how many updated. In the caller's transaction when it has one.
 */
export async function storeSubscribers(
  serviceId: string,
  listId: string,
  rows: SubscriberRow[],
  client: DbTransaction = db,
): Promise<{ added: number; updated: number }> {
  if (rows.length === 0) return { added: 0, updated: 0 };
  // One row per address: a later row for the same address wins, as it would have row by row.
  const byAddress = new Map(rows.map((row) => [row.normalisedEmail, row]));
  const records = [...byAddress.values()].map((row) => ({
    id: uuidv7(),
    email: row.email,
    normalised_email: row.normalisedEmail,
    name: row.name,
    attributes: row.attributes,
    status: row.status ?? "subscribed",
  }));
  const stored = await client.$queryRaw<{ inserted: boolean }[]>`
    INSERT INTO subscribers (id, service_id, list_id, email, normalised_email, name, attributes, status, unsubscribed_at, created_at, updated_at)
    SELECT r.id, ${serviceId}::uuid, ${listId}::uuid, r.email, r.normalised_email, r.name, r.attributes,
      r.status::subscriber_status, CASE WHEN r.status <> 'subscribed' THEN now() END, now(), now()
    FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
      AS r(id uuid, email text, normalised_email text, name text, attributes jsonb, status text)
    ON CONFLICT (list_id, normalised_email) DO UPDATE SET
      email = excluded.email,
      name = coalesce(excluded.name, subscribers.name),
      attributes = subscribers.attributes || excluded.attributes,
      status = CASE WHEN subscribers.status = 'subscribed' THEN excluded.status ELSE subscribers.status END,
      unsubscribed_at = CASE WHEN subscribers.status = 'subscribed' AND excluded.status <> 'subscribed'
        THEN now() ELSE subscribers.unsubscribed_at END,
      updated_at = now()
    RETURNING (xmax = 0) AS inserted`;
  const added = stored.filter((row) => row.inserted).length;
  await client.mailingList.update({ where: { id: listId }, data: { updatedAt: new Date() } });
  return { added, updated: stored.length - added };
}
