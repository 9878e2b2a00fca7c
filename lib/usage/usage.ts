import "server-only";
import { stringify } from "csv-stringify/sync";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** A UK financial year, 1 April to 31 March, named by the year it starts in. */
export function financialYearOf(date: Date): number {
  return date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
}

const yearBounds = (year: number) => ({
  from: new Date(Date.UTC(year, 3, 1)),
  to: new Date(Date.UTC(year + 1, 3, 1)),
});

/** The twelve months of a financial year, "2026-04" to "2027-03". */
const monthsOf = (year: number) =>
  Array.from({ length: 12 }, (_, index) => new Date(Date.UTC(year, 3 + index, 1)).toISOString().slice(0, 7));

export type MonthUsage = { month: string; emails: number; texts: number; fragments: number };

type Row = { serviceId: string; month: string; type: "email" | "sms"; messages: bigint; units: bigint };

// Messages sent (not test keys', not cancelled ones, not those Tidings failed to hand over), the
// archived ones included, by service, month and channel.
async function usageRows(year: number, serviceId?: string): Promise<Row[]> {
  const { from, to } = yearBounds(year);
  const scope = serviceId ? Prisma.sql`AND service_id = ${serviceId}::uuid` : Prisma.empty;
  return db.$queryRaw<Row[]>`
    SELECT service_id AS "serviceId", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
      notification_type::text AS type, count(*) AS messages, sum(billable_units) AS units
    FROM (
      SELECT service_id, created_at, notification_type, billable_units, status, key_type FROM notifications
      UNION ALL
      SELECT service_id, created_at, notification_type, billable_units, status, key_type FROM notification_history
    ) AS sent
    WHERE created_at >= ${from} AND created_at < ${to} AND key_type <> 'test'
      AND status NOT IN ('cancelled', 'technical-failure') ${scope}
    GROUP BY 1, 2, 3`;
}

function monthly(rows: Row[], year: number): MonthUsage[] {
  const months = new Map(monthsOf(year).map((month) => [month, { month, emails: 0, texts: 0, fragments: 0 }]));
  for (const row of rows) {
    const month = months.get(row.month);
    if (!month) continue;
    if (row.type === "email") month.emails += Number(row.messages);
    else {
      month.texts += Number(row.messages);
      month.fragments += Number(row.units);
    }
  }
  return [...months.values()];
}

/** The year's totals, the free text message allowance used, and what the rest costs at the configured rates. */
function totalsOf(months: MonthUsage[]) {
  const { SMS_FRAGMENT_RATE, SMS_FREE_FRAGMENTS_PER_YEAR, EMAIL_RATE } = config();
  const emails = months.reduce((sum, month) => sum + month.emails, 0);
  const texts = months.reduce((sum, month) => sum + month.texts, 0);
  const fragments = months.reduce((sum, month) => sum + month.fragments, 0);
  const freeUsed = Math.min(fragments, SMS_FREE_FRAGMENTS_PER_YEAR);
  const chargeableFragments = fragments - freeUsed;
  const cost = chargeableFragments * SMS_FRAGMENT_RATE + emails * EMAIL_RATE;
  return {
    emails,
    texts,
    fragments,
    freeAllowance: SMS_FREE_FRAGMENTS_PER_YEAR,
    freeUsed,
    chargeableFragments,
    smsRate: SMS_FRAGMENT_RATE,
    emailRate: EMAIL_RATE,
    costInPounds: Math.round(cost * 100) / 100,
  };
}

/** A service's usage in a financial year, by month; the caller checks the reader may see the service. */
export async function serviceUsage(serviceId: string, year: number) {
  const months = monthly(await usageRows(year, serviceId), year);
  return { year, months, totals: totalsOf(months) };
}

/** Every service's usage in a financial year, by month and in total, busiest first, for platform administrators. */
export async function platformUsage(year: number) {
  const rows = await usageRows(year);
  const byService = Map.groupBy(rows, (row) => row.serviceId);
  const services = await db.service.findMany({
    where: { id: { in: [...byService.keys()] } },
    select: { id: true, name: true },
  });
  return services
    .map((service) => {
      const months = monthly(byService.get(service.id) ?? [], year);
      return { ...service, months, totals: totalsOf(months) };
    })
    .sort((a, b) => b.totals.emails + b.totals.fragments - (a.totals.emails + a.totals.fragments));
}

type ServiceMonthUsage = MonthUsage & { serviceId: string; name: string };

/**
 * Messages by service per month (Notify's platform report): a row for each month a service sent
 * anything in, month by month, the busiest service of the year first within a month.
 */
export async function platformMonthlyUsage(year: number): Promise<ServiceMonthUsage[]> {
  const services = await platformUsage(year);
  return monthsOf(year).flatMap((_, index) =>
    services.flatMap((service) => {
      const usage = service.months[index]!;
      return usage.emails + usage.texts > 0 ? [{ ...usage, serviceId: service.id, name: service.name }] : [];
    }),
  );
}

/** A service's year as CSV: a row per month and one for the year. */
export function serviceUsageCsv(usage: Awaited<ReturnType<typeof serviceUsage>>): string {
  const { totals } = usage;
  return stringify(
    [
      ...usage.months.map((month) => [month.month, month.emails, month.texts, month.fragments, ""]),
      [
        `${usage.year}-${usage.year + 1} financial year`,
        totals.emails,
        totals.texts,
        totals.fragments,
        totals.costInPounds.toFixed(2),
      ],
    ],
    { header: true, columns: ["Month", "Emails", "Text messages", "Text message parts", "Cost (£)"] },
  );
}

/** Every service's year as CSV, for platform administrators. */
export function platformUsageCsv(rows: Awaited<ReturnType<typeof platformUsage>>): string {
  return stringify(
    rows.map((row) => [
      row.name,
      row.id,
      row.totals.emails,
      row.totals.texts,
      row.totals.fragments,
      row.totals.costInPounds.toFixed(2),
    ]),
    { header: true, columns: ["Service", "Service id", "Emails", "Text messages", "Text message parts", "Cost (£)"] },
  );
}

/** Messages by service per month as CSV, for platform administrators. */
export function platformMonthlyUsageCsv(rows: ServiceMonthUsage[]): string {
  return stringify(
    rows.map((row) => [row.month, row.name, row.serviceId, row.emails, row.texts, row.fragments]),
    { header: true, columns: ["Month", "Service", "Service id", "Emails", "Text messages", "Text message parts"] },
  );
}
