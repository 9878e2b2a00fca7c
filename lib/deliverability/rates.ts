import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db";

/**
 * Below this many emails in a window a rate says little, so it raises no alert.
 * @internal Exported for its tests.
 */
export const MIN_EMAILS_FOR_ALERT = 100;

type RateWindow = {
  days: 7 | 30;
  sent: number;
  bounced: number;
  complained: number;
  bounceRate: number;
  complaintRate: number;
};
export type DailyRates = { day: string; sent: number; bounced: number; complained: number };
export type Deliverability = {
  windows: RateWindow[];
  daily: DailyRates[];
  alert: { bounce: boolean; complaint: boolean };
  thresholds: { bouncePercent: number; complaintPercent: number };
};

const DAY_MS = 86_400_000;
const startOfUtcDay = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

/**
 * A service's email bounce and complaint rates, as AWS judges an account: permanent bounces and
 * complaints over emails sent. Counted from records that outlive the service's data retention
 * (notification history, the suppression list, complaints) so that 30-day rates stay whole.
 */
export async function deliverabilityOf(serviceId: string, now: Date = new Date()): Promise<Deliverability> {
  const since = new Date(startOfUtcDay(now).getTime() - 29 * DAY_MS);
  const rows = await db.$queryRaw<{ day: Date; sent: bigint; bounced: bigint; complained: bigint }[]>`
    WITH days AS (SELECT generate_series(${since}::timestamptz, ${now}::timestamptz, interval '1 day') AS day),
    sent AS (
      SELECT date_trunc('day', sent_at AT TIME ZONE 'UTC') AS day, count(*) AS n FROM (
        SELECT sent_at FROM notifications WHERE service_id = ${serviceId}::uuid AND notification_type = 'email' AND key_type <> 'test' AND sent_at >= ${since}
        UNION ALL
        SELECT sent_at FROM notification_history WHERE service_id = ${serviceId}::uuid AND notification_type = 'email' AND key_type <> 'test' AND sent_at >= ${since}
          AND id NOT IN (SELECT id FROM notifications WHERE service_id = ${serviceId}::uuid)
      ) AS s GROUP BY 1
    ),
    bounced AS (
      SELECT date_trunc('day', created_at AT TIME ZONE 'UTC') AS day, count(*) AS n FROM suppression_entries
      WHERE service_id = ${serviceId}::uuid AND reason = 'bounce' AND recipient_type = 'email' AND created_at >= ${since} GROUP BY 1
    ),
    complained AS (
      SELECT date_trunc('day', complained_at AT TIME ZONE 'UTC') AS day, count(*) AS n FROM complaints
      WHERE service_id = ${serviceId}::uuid AND complained_at >= ${since} GROUP BY 1
    )
    SELECT days.day, COALESCE(sent.n, 0) AS sent, COALESCE(bounced.n, 0) AS bounced, COALESCE(complained.n, 0) AS complained
    FROM days
    LEFT JOIN sent ON sent.day = date_trunc('day', days.day AT TIME ZONE 'UTC')
    LEFT JOIN bounced ON bounced.day = date_trunc('day', days.day AT TIME ZONE 'UTC')
    LEFT JOIN complained ON complained.day = date_trunc('day', days.day AT TIME ZONE 'UTC')
    ORDER BY days.day`;
  const daily = rows.map((row) => ({
    day: row.day.toISOString().slice(0, 10),
    sent: Number(row.sent),
    bounced: Number(row.bounced),
    complained: Number(row.complained),
  }));
  const { BOUNCE_RATE_ALERT_PERCENT: bouncePercent, COMPLAINT_RATE_ALERT_PERCENT: complaintPercent } = config();
  const windows = ([7, 30] as const).map((days) => windowOf(days, daily.slice(-days)));
  const alarming = (window: RateWindow, rate: "bounceRate" | "complaintRate", percent: number) =>
    window.sent >= MIN_EMAILS_FOR_ALERT && window[rate] * 100 >= percent;
  return {
    windows,
    daily,
    alert: {
      bounce: windows.some((window) => alarming(window, "bounceRate", bouncePercent)),
      complaint: windows.some((window) => alarming(window, "complaintRate", complaintPercent)),
    },
    thresholds: { bouncePercent, complaintPercent },
  };
}

function windowOf(days: 7 | 30, daily: DailyRates[]): RateWindow {
  const sum = (field: "sent" | "bounced" | "complained") => daily.reduce((total, day) => total + day[field], 0);
  const sent = sum("sent");
  const bounced = sum("bounced");
  const complained = sum("complained");
  return {
    days,
    sent,
    bounced,
    complained,
    bounceRate: sent ? bounced / sent : 0,
    complaintRate: sent ? complained / sent : 0,
  };
}
