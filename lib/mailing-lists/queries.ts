import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { SubscriberStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/validation";
import type { InvalidRow } from "./read-subscriber-import";

export type MailingListSummary = {
  id: string;
  name: string;
  /** Set on a contact list's copy. */
  contactListId: string | null;
  subscribed: number;
  total: number;
  updatedAt: Date;
};

/** The service's lists with how many people are on each and how many of them are subscribed. */
export async function listMailingLists(serviceId: string): Promise<MailingListSummary[]> {
  const rows = await db.$queryRaw<
    { id: string; name: string; contactListId: string | null; subscribed: bigint; total: bigint; updatedAt: Date }[]
  >`
    SELECT l.id, l.name, l.contact_list_id AS "contactListId", l.updated_at AS "updatedAt",
      count(s.id) FILTER (WHERE s.status = 'subscribed') AS subscribed, count(s.id) AS total
    FROM mailing_lists AS l LEFT JOIN subscribers AS s ON s.list_id = l.id
    WHERE l.service_id = ${serviceId}::uuid
    GROUP BY l.id ORDER BY l.name`;
  return rows.map((row) => ({ ...row, subscribed: Number(row.subscribed), total: Number(row.total) }));
}

/** A list of this service (with the contact list it holds, if it is one's copy); not found for another service's. */
export async function findMailingList(serviceId: string, listId: string) {
  const list = isUuid(listId)
    ? await db.mailingList.findFirst({
        where: { id: listId, serviceId },
        select: { id: true, name: true, contactList: { select: { id: true, name: true, deletedAt: true } } },
      })
    : null;
  if (!list) throw notFound("Mailing list");
  return list;
}

export type SubscriberView = {
  id: string;
  email: string;
  name: string | null;
  attributes: Record<string, unknown>;
  status: SubscriberStatus;
  createdAt: Date;
  updatedAt: Date;
};

const SUBSCRIBER_FIELDS = {
  id: true,
  email: true,
  name: true,
  attributes: true,
  status: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** A page of a list's subscribers, newest first, optionally those whose address contains `search`. */
export async function listSubscribers(
  serviceId: string,
  listId: string,
  options: { search?: string; page?: number; pageSize?: number } = {},
): Promise<{ subscribers: SubscriberView[]; total: number }> {
  const pageSize = options.pageSize ?? 50;
  const where = {
    serviceId,
    listId,
    ...(options.search ? { normalisedEmail: { contains: options.search.trim().toLowerCase() } } : {}),
  };
  const [subscribers, total] = await Promise.all([
    db.subscriber.findMany({
      where,
      select: SUBSCRIBER_FIELDS,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: Math.max(0, (options.page ?? 1) - 1) * pageSize,
      take: pageSize,
    }),
    db.subscriber.count({ where }),
  ]);
  return { subscribers: subscribers as SubscriberView[], total };
}

/** Every subscriber of a list in address order, a page at a time (for exports of any size). */
export async function* allSubscribers(serviceId: string, listId: string): AsyncGenerator<SubscriberView[]> {
  let after: string | undefined;
  for (;;) {
    const page = await db.subscriber.findMany({
      where: { serviceId, listId, ...(after ? { normalisedEmail: { gt: after } } : {}) },
      select: { ...SUBSCRIBER_FIELDS, normalisedEmail: true },
      orderBy: { normalisedEmail: "asc" },
      take: 1000,
    });
    if (page.length === 0) return;
    yield page as (SubscriberView & { normalisedEmail: string })[];
    after = page.at(-1)!.normalisedEmail;
  }
}

/** The attribute names a list's subscribers have, for choosing one in a segment. */
export async function listAttributeNames(serviceId: string, listId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT DISTINCT jsonb_object_keys(attributes) AS name FROM subscribers
    WHERE service_id = ${serviceId}::uuid AND list_id = ${listId}::uuid ORDER BY 1 LIMIT 100`;
  return ["email", "name", ...rows.map((row) => row.name)];
}

/** One of a list's imports, with how far it has gone (0–100) and the rows it did not import. */
export async function findSubscriberImport(serviceId: string, listId: string, importId: string) {
  if (!isUuid(importId) || !isUuid(listId)) return null;
  const found = await db.subscriberImport.findFirst({ where: { id: importId, serviceId, listId } });
  if (!found) return null;
  return {
    ...found,
    percent: importPercent(found),
    invalidRowList: (found.invalidRows ?? []) as InvalidRow[],
  };
}

const importPercent = (found: { status: string; bytesRead: number; sizeBytes: number }) =>
  found.status === "importing" ? Math.min(99, Math.floor((found.bytesRead / Math.max(1, found.sizeBytes)) * 100)) : 100;

/** The imports still being read into any of these lists (a contact list being copied in), with their progress. */
export async function importsUnderWay(serviceId: string, listIds: string[]) {
  const found = await db.subscriberImport.findMany({
    where: { serviceId, listId: { in: listIds }, status: "importing" },
    select: {
      id: true,
      listId: true,
      status: true,
      bytesRead: true,
      sizeBytes: true,
      list: { select: { name: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  return found.map((row) => ({ id: row.id, listId: row.listId, listName: row.list.name, percent: importPercent(row) }));
}
