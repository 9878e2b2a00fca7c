import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export type ReportBucket = { at: Date; delivered: number; opened: number; clicked: number };
export type ProblemRecipient = {
  email: string;
  problem: "bounced" | "complained";
  at: Date | null;
  detail: string | null;
};

/** Deliveries, first opens and first clicks over time, in up to 30 equal steps from the first send. */
export async function campaignTimeline(campaignId: string): Promise<{ stepSeconds: number; buckets: ReportBucket[] }> {
  const [span] = await db.$queryRaw<{ first: Date | null; last: Date | null }[]>`
    SELECT min(n.sent_at) AS first, greatest(max(n.completed_at), max(e.first_opened_at), max(e.first_clicked_at), max(n.sent_at)) AS last
    FROM notifications n LEFT JOIN notification_engagements e ON e.notification_id = n.id
    WHERE n.campaign_id = ${campaignId}::uuid`;
  if (!span?.first || !span.last) return { stepSeconds: 60, buckets: [] };
  const seconds = Math.max(60, (span.last.getTime() - span.first.getTime()) / 1000);
  const stepSeconds = Math.max(60, Math.ceil(seconds / 30 / 60) * 60);
  const rows = await db.$queryRaw<{ step: number; delivered: bigint; opened: bigint; clicked: bigint }[]>`
    WITH n AS (
      SELECT n.status, n.completed_at, e.first_opened_at, e.first_clicked_at
      FROM notifications n LEFT JOIN notification_engagements e ON e.notification_id = n.id
      WHERE n.campaign_id = ${campaignId}::uuid
    ), events AS (
      SELECT completed_at AS at, 'delivered' AS kind FROM n WHERE status = 'delivered'
      UNION ALL SELECT first_opened_at, 'opened' FROM n WHERE first_opened_at IS NOT NULL
      UNION ALL SELECT first_clicked_at, 'clicked' FROM n WHERE first_clicked_at IS NOT NULL
    )
    SELECT floor(extract(epoch FROM at - ${span.first}::timestamptz) / ${stepSeconds})::int AS step,
      count(*) FILTER (WHERE kind = 'delivered') AS delivered,
      count(*) FILTER (WHERE kind = 'opened') AS opened,
      count(*) FILTER (WHERE kind = 'clicked') AS clicked
    FROM events WHERE at IS NOT NULL GROUP BY 1 ORDER BY 1`;
  const bySteps = new Map(rows.map((row) => [row.step, row]));
  const steps = Math.floor(seconds / stepSeconds) + 1;
  const buckets = Array.from({ length: steps }, (_, step) => {
    const row = bySteps.get(step);
    return {
      at: new Date(span.first!.getTime() + step * stepSeconds * 1000),
      delivered: Number(row?.delivered ?? 0),
      opened: Number(row?.opened ?? 0),
      clicked: Number(row?.clicked ?? 0),
    };
  });
  return { stepSeconds, buckets };
}

/** The links people clicked most, from SES's Click events. */
export async function topLinks(campaignId: string, limit = 10): Promise<{ link: string; clicks: number }[]> {
  const rows = await db.$queryRaw<{ link: string; clicks: bigint }[]>`
    SELECT e.payload -> 'click' ->> 'link' AS link, count(*) AS clicks
    FROM provider_events e JOIN notifications n ON n.id = e.notification_id
    WHERE n.campaign_id = ${campaignId}::uuid AND e.event_type = 'Click' AND e.payload -> 'click' ->> 'link' IS NOT NULL
    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}`;
  return rows.map((row) => ({ link: row.link, clicks: Number(row.clicks) }));
}

/** Who bounced (permanently) and who complained, most recent first. */
export async function problemRecipients(campaignId: string, limit?: number): Promise<ProblemRecipient[]> {
  return db.$queryRaw<ProblemRecipient[]>`
    SELECT * FROM (
      SELECT n.recipient AS email, 'bounced' AS problem, n.completed_at AS at,
        (SELECT c.reason FROM notification_status_changes c WHERE c.notification_id = n.id ORDER BY c.occurred_at DESC LIMIT 1) AS detail
      FROM notifications n WHERE n.campaign_id = ${campaignId}::uuid AND n.status = 'permanent-failure'
      UNION ALL
      SELECT c.email_address, 'complained', c.complained_at, c.feedback_type
      FROM complaints c JOIN notifications n ON n.id = c.notification_id WHERE n.campaign_id = ${campaignId}::uuid
    ) AS problems ORDER BY at DESC NULLS LAST
    ${limit ? Prisma.sql`LIMIT ${limit}` : Prisma.empty}`;
}
