import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { segmentFilterSql } from "./segment-filter";
import type { SegmentCondition } from "./schemas";

/** One list a campaign sends to, narrowed by a segment or not. */
export type AudiencePart = {
  listId: string;
  segment: { match: "all" | "any"; conditions: SegmentCondition[] } | null;
};

/** A subscriber a campaign sends to: one per address, whichever of its lists it came from. */
export type AudienceMember = {
  subscriberId: string;
  listId: string;
  email: string;
  normalisedEmail: string;
  name: string | null;
  attributes: Record<string, unknown>;
};

function membersSql(serviceId: string, parts: AudiencePart[]): Prisma.Sql {
  const lists = parts.map((part) =>
    part.segment
      ? Prisma.sql`(sub.list_id = ${part.listId}::uuid AND ${segmentFilterSql(part.segment.match, part.segment.conditions)})`
      : Prisma.sql`sub.list_id = ${part.listId}::uuid`,
  );
  return Prisma.sql`sub.service_id = ${serviceId}::uuid AND sub.status = 'subscribed'
    AND (${parts.length > 0 ? Prisma.join(lists, " OR ") : Prisma.sql`FALSE`})`;
}

const notSuppressed = (serviceId: string) => Prisma.sql`NOT EXISTS (
  SELECT 1 FROM suppression_entries AS s
  WHERE s.service_id = ${serviceId}::uuid AND s.recipient_type = 'email' AND s.recipient = sub.normalised_email)`;

/**
 * How many different addresses the audience holds, and how many of them would be sent to: the
 * subscribed ones not on the service's suppression list (unsubscribed, bounced and complained
 * subscribers are never counted).
 */
export async function countAudience(
  serviceId: string,
  parts: AudiencePart[],
): Promise<{ subscribed: number; sendable: number }> {
  const [row] = await db.$queryRaw<{ subscribed: bigint; sendable: bigint }[]>`
    SELECT count(DISTINCT sub.normalised_email) AS subscribed,
      count(DISTINCT sub.normalised_email) FILTER (WHERE ${notSuppressed(serviceId)}) AS sendable
    FROM subscribers AS sub WHERE ${membersSql(serviceId, parts)}`;
  return { subscribed: Number(row?.subscribed ?? 0), sendable: Number(row?.sendable ?? 0) };
}

/**
 * The audience's sendable members, one per address (the row of the first of its lists), in address
 * order: what a campaign freezes into its recipients when it starts.
 */
export function sendableMembersSql(serviceId: string, parts: AudiencePart[]): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT ON (sub.normalised_email) sub.id AS subscriber_id, sub.list_id, sub.email, sub.normalised_email,
      sub.name, sub.attributes
    FROM subscribers AS sub
    WHERE ${membersSql(serviceId, parts)} AND ${notSuppressed(serviceId)}
    ORDER BY sub.normalised_email, sub.id`;
}

/** The first sendable member in address order, for a preview. */
export async function firstAudienceMember(serviceId: string, parts: AudiencePart[]): Promise<AudienceMember | null> {
  const [member] = await db.$queryRaw<AudienceMember[]>`
    SELECT subscriber_id AS "subscriberId", list_id AS "listId", email, normalised_email AS "normalisedEmail", name, attributes
    FROM (${sendableMembersSql(serviceId, parts)}) AS m LIMIT 1`;
  return member ?? null;
}

/** The sendable member with this (normalised) address, if the audience has one. */
export async function findAudienceMember(
  serviceId: string,
  parts: AudiencePart[],
  normalisedEmail: string,
): Promise<AudienceMember | null> {
  const [member] = await db.$queryRaw<AudienceMember[]>`
    SELECT sub.id AS "subscriberId", sub.list_id AS "listId", sub.email, sub.normalised_email AS "normalisedEmail",
      sub.name, sub.attributes
    FROM subscribers AS sub
    WHERE ${membersSql(serviceId, parts)} AND ${notSuppressed(serviceId)} AND sub.normalised_email = ${normalisedEmail}
    ORDER BY sub.id LIMIT 1`;
  return member ?? null;
}
