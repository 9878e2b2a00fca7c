import "server-only";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { deleteObject, type Bucket } from "@/lib/storage/s3";

const BATCH = 500;

/**
 * Deletes uploaded recipient files from S3 once they are past their service's retention for their
 * channel, as the notifications they became are. A file is kept, however old, while any job of it
 * has rows still to expand or any notification of its jobs is still `created` or `sending`: what
 * decides is the notifications' status, not a timestamp (a job scheduled late, or sent slowly,
 * would otherwise lose its file mid-send). Contact lists are kept until deleted. The bucket's
 * lifecycle rule (90 days in the CDK app) is the backstop. Returns how many files were deleted.
 */
export async function deleteExpiredRecipientFiles(now: Date = new Date()): Promise<number> {
  let deleted = 0;
  for (;;) {
    const expired = await db.$queryRaw<{ id: string; bucket: string; object_key: string }[]>`
      SELECT f.id, f.bucket, f.object_key FROM recipient_files AS f JOIN services AS s ON s.id = f.service_id
      WHERE f.object_deleted_at IS NULL AND f.bucket = 'uploads'
        AND f.created_at < ${now}::timestamptz - make_interval(days => CASE f.notification_type WHEN 'email' THEN s.email_retention_days ELSE s.sms_retention_days END)
        AND NOT EXISTS (SELECT 1 FROM jobs AS j WHERE j.file_id = f.id AND j.status IN ('scheduled', 'pending', 'in progress'))
        AND NOT EXISTS (
          SELECT 1 FROM jobs AS j JOIN notifications AS n ON n.job_id = j.id
          WHERE j.file_id = f.id AND n.status IN ('created', 'sending'))
      ORDER BY f.created_at LIMIT ${BATCH}`;
    for (const file of expired) {
      await deleteObject(file.bucket as Bucket, file.object_key);
      await db.recipientFile.update({ where: { id: file.id }, data: { objectDeletedAt: now } });
    }
    deleted += expired.length;
    if (expired.length < BATCH) break;
  }
  if (deleted > 0) log.info({ deleted }, "deleted recipient files past retention");
  return deleted;
}
