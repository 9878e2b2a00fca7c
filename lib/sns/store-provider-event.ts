import "server-only";
import { poolQuery } from "@/lib/db";
import { groupCommit } from "@/lib/db/group-commit";
import type { ProviderEventRecord } from "@/lib/events/event-plan";

const commit = groupCommit<ProviderEventRecord, boolean>({
  maxBatch: 500,
  maxConcurrentWrites: 2,
  write: async (events) => {
    // The batch as one JSON parameter: one statement of fixed text, however many events.
    const records = events.map((event) => ({
      sns_message_id: event.snsMessageId,
      source: event.source,
      event_type: event.eventType,
      payload: event.payload,
      occurred_at: event.occurredAt,
      provider_message_id: event.providerMessageId,
      apply_after: event.applyAfter ?? new Date(),
    }));
    const rows = await poolQuery<{ sns_message_id: string }>(
      `INSERT INTO provider_events (id, sns_message_id, source, event_type, payload, occurred_at, provider_message_id, apply_after)
       SELECT gen_random_uuid(), sns_message_id, source, event_type, payload, occurred_at, provider_message_id, apply_after
       FROM jsonb_to_recordset($1::jsonb) AS r(sns_message_id text, source text, event_type text, payload jsonb,
         occurred_at timestamptz, provider_message_id text, apply_after timestamptz)
       ON CONFLICT (sns_message_id) DO NOTHING
       RETURNING sns_message_id`,
      [JSON.stringify(records)],
    );
    const stored = new Set(rows.map((row) => row.sns_message_id));
    return events.map((event) => stored.has(event.snsMessageId));
  },
});

/**
 * Stores a verified provider event durably, once per SNS MessageId (SNS delivers at least once),
 * for the worker to apply. Events arriving together are written by one transaction.
 */
export async function storeProviderEvent(event: ProviderEventRecord): Promise<"stored" | "duplicate"> {
  return (await commit(event)) ? "stored" : "duplicate";
}
