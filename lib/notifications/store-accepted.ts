import "server-only";
import { escapeLiteral, type QueryResult } from "pg";
import { withPoolConnection } from "@/lib/db";
import { groupCommit } from "@/lib/db/group-commit";
import { metrics } from "@/lib/metrics/metrics";
import type { KeyType, NotificationType, Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { jobInsertStatement } from "@/lib/queue/boss";
import { findSuppression, suppressedRecipientMessage } from "@/lib/suppression/suppression-list";
import type { queues } from "@/lib/queue/queues";

type DeliveryQueue = (typeof queues)["deliverEmail" | "deliverSms" | "deliverPriority" | "deliverBulk"];
/** What the API and console know of a notification when they accept it; the rest takes defaults. */
export type NewNotificationRow = {
  id: string;
  createdAt: Date;
  serviceId: string;
  templateId: string;
  templateVersion: number;
  type: NotificationType;
  recipient: string;
  normalisedRecipient: string;
  personalisation: Prisma.InputJsonObject;
  subject: string | null;
  body: string;
  clientReference: string | null;
  apiKeyId: string | null;
  keyType: KeyType;
  createdById: string | null;
  replyTo: string | null;
  smsSender: string | null;
  unsubscribeUrl: string | null;
  billableUnits: number;
  international: boolean;
  scheduledFor: Date | null;
  /** A bulk send's row (lib/jobs): stored at most once per job and row number. */
  jobId?: string | null;
  jobRowNumber?: number | null;
  campaignId?: string | null;
  /** Refused (not stored) if the recipient is on the service's suppression list; test keys and simulated recipients are exempt. */
  refuseIfSuppressed: boolean;
};

export type IdempotentResponse = {
  serviceId: string;
  key: string;
  requestHash: string;
  statusCode: number;
  responseBody: unknown;
};

export type NotificationToStore = {
  data: NewNotificationRow;
  queue: DeliveryQueue;
  /** The first response to an Idempotency-Key request, stored with the row so that a retry finds it. */
  idempotentResponse?: IdempotentResponse;
};
const commit = groupCommit<NotificationToStore, boolean>({
  maxBatch: 250,
  maxConcurrentWrites: 2,
  write: async (rows) => {
    const stored = await storeAcceptedBatch(rows);
    return rows.map((row) => stored.has(row.data.id));
  },
});

/**
 * Stores an accepted notification as `created` together with its delivery job, and resolves once
 * both are committed. Rows arriving together share one transaction (group commit): under load the
 * API pays one round of INSERTs and one commit per batch rather than per message. Either a row and
 * its job both commit or neither does. A recipient on the suppression list is refused.
 */
export async function storeAcceptedNotification(row: NotificationToStore): Promise<void> {
  if (!(await commit(row))) throw await suppressionError(row.data);
  metrics().notificationsAccepted.inc({ channel: row.data.type });
}

async function suppressionError(row: NewNotificationRow): Promise<AppError> {
  const entry = await findSuppression(row.serviceId, row.type, row.normalisedRecipient);
  return new AppError(
    "bad_request",
    entry ? suppressedRecipientMessage(entry) : "Can’t send to this recipient: it is on the service’s suppression list",
  );
}

/**
 * Stores many accepted notifications in one transaction, the way the API's group commit does, and
 * runs `alsoInTransaction` (statements of the caller, such as a job's resume point) in it too. Two
 * round trips: the notifications with BEGIN (the suppression list decides which are stored), then
 * their jobs and idempotency records with COMMIT. Returns the ids stored: the others were
 * suppressed, or their job row was already stored.
 */
export async function storeAcceptedBatch(
  all: NotificationToStore[],
  alsoInTransaction: string[] = [],
): Promise<Set<string>> {
  // The jobs' statements are made before the transaction opens: making the first one starts
  // pg-boss and reads its queues on pg-boss's own connections, which must never wait on this
  // transaction (the embedded database serves one transaction at a time). Later ones need no query.
  const jobsForAll = await jobInsertStatements(all);
  if (all.length === 0 && alsoInTransaction.length === 0) return new Set();
  return withPoolConnection(async (connection) => {
    const results = (await connection.query(
      `BEGIN; ${insertNotificationsStatement(all.map((row) => row.data))}`,
    )) as unknown as QueryResult<{ id: string }>[];
    const stored = new Set(results[1]!.rows.map((row) => row.id));
    const batch = all.filter((row) => stored.has(row.data.id));
    const idempotentResponses = batch.flatMap((row) => (row.idempotentResponse ? [row.idempotentResponse] : []));
    const statements = [
      ...(idempotentResponses.length > 0 ? [insertIdempotentResponsesStatement(idempotentResponses)] : []),
      ...(batch.length === all.length ? jobsForAll : await jobInsertStatements(batch)),
      ...alsoInTransaction,
      "COMMIT",
    ];
    await connection.query(statements.join(";\n"));
    return stored;
  });
}

function jobInsertStatements(rows: NotificationToStore[]): Promise<string[]> {
  const byQueue = new Map<DeliveryQueue, NotificationToStore[]>();
  for (const row of rows) {
    const queued = byQueue.get(row.queue);
    if (queued) queued.push(row);
    else byQueue.set(row.queue, [row]);
  }
  return Promise.all(
    [...byQueue].map(([queue, queued]) =>
      jobInsertStatement(
        queue,
        queued.map((row) => ({
          payload: { notificationId: row.data.id },
          ...(row.data.scheduledFor ? { startAfter: row.data.scheduledFor } : {}),
        })),
      ),
    ),
  );
}

// Rows go to PostgreSQL as one JSON literal, so that a statement of fixed text takes any number of
// them and several statements can share one round trip (the simple query protocol takes no
// parameters). Through Prisma each batch size would be a query of its own to compile, and even a
// raw query's parameters are copied into and parsed by its query compiler, which cost more than
// the insert. Checking the suppression list here, not per request, saves the API a round trip for
// every message.
const jsonLiteral = (value: unknown) => escapeLiteral(JSON.stringify(value));

function insertNotificationsStatement(rows: NewNotificationRow[]): string {
  const records = rows.map((row) => ({
    id: row.id,
    created_at: row.createdAt,
    service_id: row.serviceId,
    template_id: row.templateId,
    template_version: row.templateVersion,
    notification_type: row.type,
    recipient: row.recipient,
    normalised_recipient: row.normalisedRecipient,
    personalisation: row.personalisation,
    subject: row.subject,
    body: row.body,
    client_reference: row.clientReference,
    api_key_id: row.apiKeyId,
    key_type: row.keyType,
    created_by_id: row.createdById,
    reply_to: row.replyTo,
    sms_sender: row.smsSender,
    unsubscribe_url: row.unsubscribeUrl,
    billable_units: row.billableUnits,
    international: row.international,
    scheduled_for: row.scheduledFor,
    job_id: row.jobId ?? null,
    job_row_number: row.jobRowNumber ?? null,
    campaign_id: row.campaignId ?? null,
    refuse_if_suppressed: row.refuseIfSuppressed,
  }));
  return `
    INSERT INTO notifications (id, created_at, updated_at, service_id, template_id, template_version, notification_type, recipient, normalised_recipient,
      personalisation, subject, body, client_reference, api_key_id, key_type, created_by_id, reply_to, sms_sender, unsubscribe_url, billable_units,
      international, scheduled_for, job_id, job_row_number, campaign_id)
    SELECT id, created_at, created_at, service_id, template_id, template_version, notification_type, recipient, normalised_recipient,
      personalisation, subject, body, client_reference, api_key_id, key_type, created_by_id, reply_to, sms_sender, unsubscribe_url, billable_units,
      international, scheduled_for, job_id, job_row_number, campaign_id
    FROM jsonb_to_recordset(${jsonLiteral(records)}::jsonb) AS r(
      id uuid, created_at timestamptz, service_id uuid, template_id uuid, template_version int, notification_type notification_type, recipient text,
      normalised_recipient text, personalisation jsonb, subject text, body text, client_reference text, api_key_id uuid, key_type key_type,
      created_by_id uuid, reply_to text, sms_sender text, unsubscribe_url text, billable_units int, international boolean, scheduled_for timestamptz,
      job_id uuid, job_row_number int, campaign_id uuid, refuse_if_suppressed boolean)
    WHERE NOT (r.refuse_if_suppressed AND EXISTS (
      SELECT 1 FROM suppression_entries AS s WHERE s.service_id = r.service_id AND s.recipient = r.normalised_recipient
        AND s.recipient_type = (CASE r.notification_type WHEN 'email' THEN 'email' ELSE 'mobile' END)::guest_list_recipient_type))
    ON CONFLICT DO NOTHING
    RETURNING id`;
}

function insertIdempotentResponsesStatement(responses: IdempotentResponse[]): string {
  const records = responses.map((response) => ({
    service_id: response.serviceId,
    key: response.key,
    request_hash: response.requestHash,
    status_code: response.statusCode,
    response_body: response.responseBody,
  }));
  return `
    INSERT INTO api_idempotency_keys (service_id, key, request_hash, status_code, response_body)
    SELECT service_id, key, request_hash, status_code, response_body
    FROM jsonb_to_recordset(${jsonLiteral(records)}::jsonb) AS r(service_id uuid, key text, request_hash text, status_code int, response_body jsonb)`;
}
