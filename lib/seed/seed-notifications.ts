import "server-only";
import { requirePlatformAdmin, type ServiceWrite } from "@/lib/permissions";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";

const BATCH = 50_000;

/**
 * Fills a service with `count` realistic past notifications spread over the last `days` days (both
 * channels, mostly delivered, some failed, a few still sending), for trying the console at scale.
 * Generated inside PostgreSQL in batches, so a million rows take a minute, not an hour.
 */
export async function seedNotifications({
  actor,
  serviceId,
  ...options
}: ServiceWrite<{ count: number; days: number; onProgress?: (done: number) => void }>): Promise<number> {
  requirePlatformAdmin(actor);
  const templates = await db.template.findMany({
    where: { serviceId, archived: false },
    select: { id: true, type: true, version: true },
  });
  if (!(await db.service.findUnique({ where: { id: serviceId }, select: { id: true } }))) throw notFound("Service");
  const email = templates.find((template) => template.type === "email");
  const sms = templates.find((template) => template.type === "sms");
  if (!email || !sms)
    throw new AppError("validation", "The service needs an email template and a text message template to seed from");
  let done = 0;
  while (done < options.count) {
    const size = Math.min(BATCH, options.count - done);
    await db.$executeRaw`
      INSERT INTO notifications (id, service_id, template_id, template_version, notification_type, recipient, normalised_recipient, personalisation, subject, body,
        status, key_type, billable_units, created_at, sent_at, completed_at, updated_at, provider_name, provider_reference)
      SELECT gen_random_uuid(), ${serviceId}::uuid,
        CASE WHEN is_email THEN ${email.id}::uuid ELSE ${sms.id}::uuid END,
        CASE WHEN is_email THEN ${email.version}::int ELSE ${sms.version}::int END,
        CASE WHEN is_email THEN 'email'::notification_type ELSE 'sms'::notification_type END,
        recipient, recipient, '{}'::jsonb, CASE WHEN is_email THEN 'Seeded message' END, 'Seeded message body',
        status::notification_status, 'normal'::key_type, 1, created_at, created_at + interval '2 seconds',
        CASE WHEN status <> 'sending' THEN created_at + interval '30 seconds' END, created_at,
        CASE WHEN is_email THEN 'ses' ELSE 'pinpoint' END, md5(n::text || random()::text)
      FROM (
        SELECT n, random() < 0.7 AS is_email,
          now() - random() * make_interval(days => ${options.days}) AS created_at,
          CASE WHEN random() < 0.92 THEN 'delivered' WHEN random() < 0.5 THEN 'permanent-failure' WHEN random() < 0.5 THEN 'temporary-failure' ELSE 'sending' END AS status
        FROM generate_series(1, ${size}) AS n
      ) AS generated
      CROSS JOIN LATERAL (SELECT CASE WHEN is_email THEN 'person' || n || '-' || substr(md5(random()::text), 1, 6) || '@example.com' ELSE '+4477009' || lpad((n % 100000)::text, 5, '0') END AS recipient) AS contact`;
    done += size;
    options.onProgress?.(done);
  }
  await db.$executeRaw`ANALYZE notifications`;
  return done;
}
