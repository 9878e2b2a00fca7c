import "server-only";
import { db } from "@/lib/db";

/** One file of a snapshot: its name, what each row holds, and its rows (plain JSON values). */
export type SnapshotTable = { name: string; description: string; rows: Record<string, unknown>[] };

const DAY_MS = 86_400_000;

/**
 * What a day's snapshot holds, for analysts: the services and templates as they are now, and the
 * day's counts. Nothing about recipients: no addresses, numbers, personalisation, message content
 * or template text, and no people (staff are not in it either).
 */
export async function snapshotTables(day: Date): Promise<SnapshotTable[]> {
  const next = new Date(day.getTime() + DAY_MS);
  const [services, templates, counts, events, jobs, campaigns] = await Promise.all([
    db.service.findMany({
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        name: true,
        active: true,
        trialMode: true,
        isPlatformService: true,
        emailMessageLimit: true,
        smsMessageLimit: true,
        emailRetentionDays: true,
        smsRetentionDays: true,
        createdAt: true,
      },
    }),
    db.template.findMany({
      orderBy: [{ serviceId: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        serviceId: true,
        name: true,
        type: true,
        version: true,
        archived: true,
        processType: true,
        createdAt: true,
        updatedAt: true,
      },
    }),
    db.dailyNotificationStatus.findMany({
      where: { day },
      orderBy: [{ serviceId: "asc" }, { type: "asc" }, { status: "asc" }],
    }),
    db.$queryRaw<{ service_id: string | null; source: string; event_type: string; events: bigint }[]>`
      SELECT service_id, source, event_type, count(*) AS events FROM provider_events
      WHERE received_at >= ${day} AND received_at < ${next}
      GROUP BY service_id, source, event_type ORDER BY service_id, source, event_type`,
    sendsOf("jobs", day, next),
    sendsOf("campaigns", day, next),
  ]);
  const isoDay = day.toISOString().slice(0, 10);
  return [
    {
      name: "services",
      description: "Every service as it is when the snapshot is taken.",
      rows: services.map((service) => ({
        id: service.id,
        name: service.name,
        active: service.active,
        trial_mode: service.trialMode,
        is_platform_service: service.isPlatformService,
        email_message_limit: service.emailMessageLimit,
        sms_message_limit: service.smsMessageLimit,
        email_retention_days: service.emailRetentionDays,
        sms_retention_days: service.smsRetentionDays,
        created_at: service.createdAt.toISOString(),
      })),
    },
    {
      name: "templates",
      description: "Every template at its current version (names and settings; never its text).",
      rows: templates.map((template) => ({
        id: template.id,
        service_id: template.serviceId,
        name: template.name,
        type: template.type,
        version: template.version,
        archived: template.archived,
        process_type: template.processType,
        created_at: template.createdAt.toISOString(),
        updated_at: template.updatedAt.toISOString(),
      })),
    },
    {
      name: "notification_counts",
      description: "The day's messages per service, channel and status (messages sent with test keys are not counted).",
      rows: counts.map((count) => ({
        day: isoDay,
        service_id: count.serviceId,
        channel: count.type,
        status: count.status,
        count: count.count,
      })),
    },
    {
      name: "provider_events",
      description: "Providers' events received that day, per service, source and event type.",
      rows: events.map((event) => ({
        day: isoDay,
        service_id: event.service_id,
        source: event.source,
        event_type: event.event_type,
        count: Number(event.events),
      })),
    },
    {
      name: "jobs",
      description:
        "Bulk sends (uploaded files and the bulk API) under way on that day, with their messages per status.",
      rows: jobs.map((job) => ({ day: isoDay, ...job })),
    },
    {
      name: "campaigns",
      description: "Email campaigns under way on that day, with their messages per status.",
      rows: campaigns.map((campaign) => ({ day: isoDay, ...campaign })),
    },
  ];
}

type SendRow = {
  id: string;
  service_id: string;
  name: string;
  status: string;
  created_at: string;
  finished_at: string | null;
  messages_by_status: Record<string, number>;
};

/**
 * Jobs or campaigns created by the end of the day and not finished before it, each with its
 * notifications counted by status (what retention has not yet removed).
 */
async function sendsOf(table: "jobs" | "campaigns", day: Date, next: Date): Promise<SendRow[]> {
  const rows =
    table === "jobs"
      ? await db.$queryRaw<
          (Omit<SendRow, "created_at" | "finished_at"> & { created_at: Date; finished_at: Date | null })[]
        >`
          SELECT j.id, j.service_id, j.name, j.status::text AS status, j.created_at, j.finished_at,
            COALESCE((SELECT jsonb_object_agg(status, n) FROM (SELECT status::text, count(*)::int AS n
              FROM notifications WHERE job_id = j.id GROUP BY status) c), '{}') AS messages_by_status
          FROM jobs j WHERE j.created_at < ${next} AND (j.finished_at IS NULL OR j.finished_at >= ${day})
          ORDER BY j.created_at`
      : await db.$queryRaw<
          (Omit<SendRow, "created_at" | "finished_at"> & { created_at: Date; finished_at: Date | null })[]
        >`
          SELECT c.id, c.service_id, c.name, c.status::text AS status, c.created_at, c.completed_at AS finished_at,
            COALESCE((SELECT jsonb_object_agg(status, n) FROM (SELECT status::text, count(*)::int AS n
              FROM notifications WHERE campaign_id = c.id GROUP BY status) c2), '{}') AS messages_by_status
          FROM campaigns c WHERE c.created_at < ${next} AND (c.completed_at IS NULL OR c.completed_at >= ${day})
          ORDER BY c.created_at`;
  return rows.map((row) => ({
    ...row,
    created_at: row.created_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
  }));
}
