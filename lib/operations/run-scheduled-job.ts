import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { requirePlatformAdmin, type PlatformWrite } from "@/lib/permissions";
import { enqueue } from "@/lib/queue/boss";
import { allQueues } from "@/lib/queue/queues";

/** "Run now": queues one run of a scheduled job, which the next free worker picks up. Platform admins only. */
export async function startScheduledJob({ actor, name }: PlatformWrite<{ name: string }>): Promise<void> {
  requirePlatformAdmin(actor);
  const queue = allQueues.find((candidate) => candidate.name === name);
  if (!queue || !(await db.scheduledJob.findUnique({ where: { name }, select: { name: true } })))
    throw notFound("Scheduled job");
  await enqueue(queue, {});
  await recordAuditEvent(db, {
    action: "scheduled_job.run_requested",
    userId: actor.userId,
    subjectType: "scheduled_job",
    subjectId: name,
    details: { name },
  });
}
