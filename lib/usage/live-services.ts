import "server-only";
import { stringify } from "csv-stringify/sync";
import { db } from "@/lib/db";
import { platformUsage } from "./usage";

type LiveService = {
  id: string;
  name: string;
  createdAt: Date;
  /** When a platform administrator last took it out of trial mode; null if the audit log does not say (created live). */
  wentLiveAt: Date | null;
  emails: number;
  texts: number;
  fragments: number;
};

/**
 * Notify's live services report: every service that is live (out of trial mode, not archived, not
 * Tidings' own), by name, with when it went live and what it sent in the financial year.
 */
export async function liveServicesReport(year: number): Promise<LiveService[]> {
  const [services, usage] = await Promise.all([
    db.service.findMany({
      where: { active: true, trialMode: false, isPlatformService: false },
      orderBy: { name: "asc" },
      select: { id: true, name: true, createdAt: true },
    }),
    platformUsage(year),
  ]);
  const ids = services.map((service) => service.id);
  // Going live is a settings change to trialMode false, audited with the values after it.
  const wentLive = await db.$queryRaw<{ serviceId: string; at: Date }[]>`
    SELECT DISTINCT ON (service_id) service_id AS "serviceId", created_at AS at FROM audit_events
    WHERE action = 'service.settings_changed' AND details->'after'->>'trialMode' = 'false'
      AND service_id = ANY(${ids}::uuid[])
    ORDER BY service_id, created_at DESC`;
  const wentLiveAt = new Map(wentLive.map((row) => [row.serviceId, row.at]));
  const totals = new Map(usage.map((entry) => [entry.id, entry.totals]));
  return services.map((service) => {
    const sent = totals.get(service.id);
    return {
      ...service,
      wentLiveAt: wentLiveAt.get(service.id) ?? null,
      emails: sent?.emails ?? 0,
      texts: sent?.texts ?? 0,
      fragments: sent?.fragments ?? 0,
    };
  });
}

/** The live services report as CSV, for platform administrators. */
export function liveServicesCsv(services: LiveService[], year: number): string {
  const day = (date: Date | null) => date?.toISOString().slice(0, 10) ?? "";
  return stringify(
    services.map((service) => [
      service.name,
      service.id,
      day(service.createdAt),
      day(service.wentLiveAt),
      service.emails,
      service.texts,
      service.fragments,
    ]),
    {
      header: true,
      columns: [
        "Service",
        "Service id",
        "Created on",
        "Went live on",
        `Emails ${year}-${year + 1}`,
        `Text messages ${year}-${year + 1}`,
        `Text message parts ${year}-${year + 1}`,
      ],
    },
  );
}
