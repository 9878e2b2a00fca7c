import "server-only";
import { db } from "@/lib/db";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/validation";

export type JobCounts = Partial<Record<NotificationStatus, number>>;

/** A job's notifications by status, those past retention (history) included. */
async function jobCounts(jobId: string): Promise<JobCounts> {
  const rows = await db.$queryRaw<{ status: NotificationStatus; count: bigint }[]>`
    SELECT status, count(*) AS count FROM (
      SELECT status FROM notifications WHERE job_id = ${jobId}::uuid
      UNION ALL
      SELECT status FROM notification_history WHERE job_id = ${jobId}::uuid
    ) AS rows GROUP BY status`;
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

/** One of the service's jobs with its counts, or null. */
export async function findJob(serviceId: string, jobId: string) {
  if (!isUuid(jobId)) return null;
  const job = await db.job.findFirst({ where: { id: jobId, serviceId } });
  return job && { ...job, counts: await jobCounts(job.id) };
}

/** One of the service's jobs with its file, or null. */
export async function findJobWithFile(serviceId: string, jobId: string) {
  if (!isUuid(jobId)) return null;
  return db.job.findFirst({ where: { id: jobId, serviceId }, include: { file: true } });
}

export type JobWithCounts = NonNullable<Awaited<ReturnType<typeof findJob>>>;

/** A job's notifications in the four groups its progress bar shows. */
export function jobProgress(counts: JobCounts, rowCount: number) {
  const of = (...statuses: (keyof JobCounts)[]) => statuses.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  const delivered = of("delivered", "sent");
  const failed = of("permanent_failure", "temporary_failure", "technical_failure", "cancelled");
  const sending = of("sending", "pending");
  const created = of("created");
  const done = delivered + failed;
  return {
    created,
    sending,
    delivered,
    failed,
    percent: rowCount === 0 ? 100 : Math.floor((done / rowCount) * 100),
    settled: done >= rowCount,
  };
}

/** The service's jobs, newest first, with their template's name and progress. */
export async function listJobs(serviceId: string, take = 50) {
  const jobs = await db.job.findMany({ where: { serviceId }, orderBy: { createdAt: "desc" }, take });
  const templates = await db.template.findMany({
    where: { id: { in: [...new Set(jobs.map((job) => job.templateId))] }, serviceId },
    select: { id: true, name: true },
  });
  const names = new Map(templates.map((template) => [template.id, template.name]));
  return Promise.all(
    jobs.map(async (job) => ({
      ...job,
      templateName: names.get(job.templateId) ?? "",
      progress: jobProgress(await jobCounts(job.id), job.rowCount),
    })),
  );
}

export type JobReportRow = {
  rowNumber: number;
  recipient: string | null;
  /** The notification's status; null for a row refused when the job was expanded. */
  status: NotificationStatus | null;
  at: Date;
  /** Why a refused row was not sent. */
  reason: string | null;
};

/**
 * The outcome of every row expanded so far, in row order, in pages (a job may have a million rows):
 * live notifications, those past retention from history (whose recipient is no longer kept), and
 * the rows refused as the job was expanded.
 */
export async function* jobReportRows(serviceId: string, jobId: string): AsyncGenerator<JobReportRow> {
  let after = 0;
  for (;;) {
    const page = await db.$queryRaw<
      {
        row_number: number;
        recipient: string | null;
        status: NotificationStatus | null;
        at: Date;
        reason: string | null;
      }[]
    >`
      SELECT job_row_number AS row_number, recipient, status, at, reason FROM (
        SELECT job_row_number, recipient, status::text AS status, COALESCE(completed_at, sent_at, created_at) AS at, NULL AS reason
        FROM notifications WHERE job_id = ${jobId}::uuid AND service_id = ${serviceId}::uuid AND job_row_number > ${after}
        UNION ALL
        SELECT job_row_number, NULL, status::text, COALESCE(completed_at, sent_at, created_at), NULL
        FROM notification_history WHERE job_id = ${jobId}::uuid AND service_id = ${serviceId}::uuid AND job_row_number > ${after}
        UNION ALL
        SELECT r.row_number, r.recipient, NULL, r.refused_at, r.reason
        FROM job_refused_rows AS r JOIN jobs AS j ON j.id = r.job_id
        WHERE r.job_id = ${jobId}::uuid AND j.service_id = ${serviceId}::uuid AND r.row_number > ${after}
      ) AS rows ORDER BY job_row_number LIMIT 5000`;
    for (const row of page)
      yield { rowNumber: row.row_number, recipient: row.recipient, status: row.status, at: row.at, reason: row.reason };
    if (page.length < 5000) return;
    after = page.at(-1)!.row_number;
  }
}
