import "server-only";
import { db } from "@/lib/db";

/** A campaign's counts so far, as its page and the auto-pause see them. */
export type CampaignCounts = {
  /** Stored as notifications: every recipient handed out so far. */
  accepted: number;
  /** Accepted, not yet handed to the provider. */
  queued: number;
  /** Handed to the provider (whatever happened next). */
  sent: number;
  delivered: number;
  bounced: number;
  /** Could not be sent at all (the provider refused it). */
  failed: number;
  complained: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  /** Messages handed to the provider in the last 10 seconds, per second. */
  ratePerSecond: number;
};

/** Counts of one campaign's notifications, complaints, engagement and unsubscribes, in one query. */
export async function campaignCounts(campaignId: string): Promise<CampaignCounts> {
  const [row] = await db.$queryRaw<Record<keyof CampaignCounts, bigint | number>[]>`
    WITH n AS (SELECT id, status, sent_at FROM notifications WHERE campaign_id = ${campaignId}::uuid)
    SELECT
      (SELECT count(*) FROM n) AS accepted,
      (SELECT count(*) FROM n WHERE status = 'created') AS queued,
      (SELECT count(*) FROM n WHERE status NOT IN ('created', 'technical-failure', 'cancelled')) AS sent,
      (SELECT count(*) FROM n WHERE status = 'delivered') AS delivered,
      (SELECT count(*) FROM n WHERE status = 'permanent-failure') AS bounced,
      (SELECT count(*) FROM n WHERE status = 'technical-failure') AS failed,
      (SELECT count(DISTINCT c.notification_id) FROM complaints c JOIN n ON n.id = c.notification_id) AS complained,
      (SELECT count(*) FROM notification_engagements e JOIN n ON n.id = e.notification_id WHERE e.open_count > 0) AS opened,
      (SELECT count(*) FROM notification_engagements e JOIN n ON n.id = e.notification_id WHERE e.click_count > 0) AS clicked,
      (SELECT count(*) FROM subscribers WHERE unsubscribed_via = ${campaignId}::uuid AND status = 'unsubscribed') AS unsubscribed,
      (SELECT count(*) FROM n WHERE sent_at > now() - interval '10 seconds') / 10.0 AS "ratePerSecond"`;
  return Object.fromEntries(Object.entries(row!).map(([key, value]) => [key, Number(value)])) as CampaignCounts;
}

/** When the rest of the audience will have been sent at the current rate; null when nothing is moving. */
export function estimatedFinish(remaining: number, ratePerSecond: number, now = new Date()): Date | null {
  if (remaining <= 0 || ratePerSecond <= 0) return null;
  return new Date(now.getTime() + (remaining / ratePerSecond) * 1000);
}

/** A campaign's rates in percent: of what was sent (delivered, bounced, complained, unsubscribed) and of what was delivered (opened, clicked). */
export function campaignRates(counts: CampaignCounts) {
  const of = (part: number, whole: number) => (whole === 0 ? null : (part / whole) * 100);
  return {
    delivered: of(counts.delivered, counts.sent),
    bounced: of(counts.bounced, counts.sent),
    complained: of(counts.complained, counts.sent),
    unsubscribed: of(counts.unsubscribed, counts.sent),
    opened: of(counts.opened, counts.delivered),
    clicked: of(counts.clicked, counts.delivered),
  };
}
