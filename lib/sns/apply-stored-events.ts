import "server-only";
import { queueCallbacks, type CallbackToQueue } from "@/lib/callbacks/queue-callback";
import { db, type DbTransaction } from "@/lib/db";
import type { EventPlan, NotificationKey, ProviderEventSource, Target } from "@/lib/events/event-plan";
import { planSesEvent, sesEvent } from "@/lib/events/ses-events";
import { planSmsEvent, smsEvent } from "@/lib/events/sms-events";
import { planReceivedEmail, receivedEmailEvent } from "@/lib/events/unsubscribe-emails";
import { inboundSmsEvent, planInboundText } from "@/lib/inbound-sms/receive-inbound-sms";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics/metrics";
import {
  applyStatusChanges,
  recordProviderReferences,
  type ProviderReference,
  type StatusUpdate,
} from "@/lib/notifications/status-machine";

const BATCH = 500;
// A worker holds the events it applies this long; if it dies, another takes them after it.
const CLAIM_SECONDS = 60;
// An event whose notification is not found (yet: the worker may not have stored the provider's
// reference) is tried again after 1, 2, 4 … seconds, at most 5 minutes apart, for about a day.
const MAX_ATTEMPTS = 300;
const retryDelaySeconds = (attempts: number) => Math.min(2 ** attempts, 300);

type StoredEvent = {
  id: string;
  source: ProviderEventSource;
  payload: unknown;
  attempts: number;
  at: Date;
};

type Planned = { event: StoredEvent; plan: EventPlan | null; target: Target | null };

/**
 * Applies waiting provider events in batches, oldest first and in order per notification, with
 * the same rules as ever: each event once (it is marked applied in the transaction that applies
 * it), and through the state machine, so a late or repeated event never moves a notification
 * backwards. An event for a notification not found yet waits and is tried again. Several workers
 * can do this at once; one that dies leaves its events to the others. Returns how many it took.
 */
export async function applyStoredEvents(limit = BATCH): Promise<number> {
  const events = await claimWaitingEvents(limit);
  if (events.length > 0) await applyOrSplit(events.sort((a, b) => a.at.getTime() - b.at.getTime()));
  return events.length;
}

/** How far behind the applier is: waiting events and the age of the oldest one due. */
export async function eventBacklog(): Promise<{ waiting: number; oldestWaitingSeconds: number | null }> {
  const [row] = await db.$queryRaw<{ waiting: bigint; oldest: Date | null }[]>`
    SELECT count(*) AS waiting, min(received_at) AS oldest FROM provider_events
    WHERE applied_at IS NULL AND apply_after <= now()`;
  const oldest = row?.oldest ?? null;
  return {
    waiting: Number(row?.waiting ?? 0),
    oldestWaitingSeconds: oldest ? Math.max(0, Math.round((Date.now() - oldest.getTime()) / 1000)) : null,
  };
}

function claimWaitingEvents(limit: number): Promise<StoredEvent[]> {
  return db.$queryRaw<StoredEvent[]>`
    UPDATE provider_events SET claimed_until = now() + make_interval(secs => ${CLAIM_SECONDS})
    WHERE id IN (
      SELECT id FROM provider_events
      WHERE applied_at IS NULL AND apply_after <= now() AND (claimed_until IS NULL OR claimed_until < now())
      ORDER BY apply_after, received_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, source, payload, attempts, COALESCE(occurred_at, received_at) AS at`;
}

/** A batch that fails is applied again in halves, so one bad event never holds up the rest. */
async function applyOrSplit(events: StoredEvent[]): Promise<void> {
  try {
    await applyBatch(events);
  } catch (error) {
    if (events.length === 1) return postponeAfterFailure(events[0]!, error);
    const half = Math.ceil(events.length / 2);
    await applyOrSplit(events.slice(0, half));
    await applyOrSplit(events.slice(half));
  }
}

async function applyBatch(events: StoredEvent[]): Promise<void> {
  const planned = await withTargets(events.map((event) => ({ event, plan: planOf(event) })));
  const waiting = planned.filter((entry) => entry.plan?.about && !entry.target);
  const ready = planned.filter((entry) => !waiting.includes(entry));
  await db.$transaction(
    async (tx) => {
      const serviceOf = new Map<string, string>();
      await applyStatusChangesInOrder(tx, ready);
      await recordProviderReferences(tx, referencesOf(ready));
      for (const { event, plan, target } of ready) {
        const result = await plan?.effects?.(tx, target);
        if (result) serviceOf.set(event.id, result.serviceId);
      }
      await markApplied(tx, ready, serviceOf);
      await postpone(tx, waiting);
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  const applied = metrics().snsApplied;
  for (const { event } of ready) applied.inc({ source: event.source });
}

const PLANNERS: Record<ProviderEventSource, (payload: unknown) => EventPlan | null> = {
  ses: (payload) => {
    const event = sesEvent.safeParse(payload);
    return event.success ? planSesEvent(event.data) : null;
  },
  sms: (payload) => {
    const event = smsEvent.safeParse(payload);
    return event.success ? planSmsEvent(event.data) : null;
  },
  "inbound-sms": (payload) => {
    const event = inboundSmsEvent.safeParse(payload);
    return event.success ? planInboundText(event.data) : null;
  },
  "unsubscribe-email": (payload) => {
    const event = receivedEmailEvent.safeParse(payload);
    return event.success ? planReceivedEmail(event.data) : null;
  },
};

function planOf(event: StoredEvent): EventPlan | null {
  const plan = PLANNERS[event.source](event.payload);
  // The webhook checked it before storing it: a stored event that no longer parses is kept, not applied.
  if (!plan)
    log.error({ eventId: event.id, source: event.source }, "stored provider event does not parse; not applied");
  return plan;
}

/** Finds every event's notification in one query, by our id when the event carries it, else by the provider's reference. */
async function withTargets(entries: Omit<Planned, "target">[]): Promise<Planned[]> {
  const keys = entries.flatMap((entry) => (entry.plan?.about ? [entry.plan.about] : []));
  const ids = [...new Set(keys.flatMap((key) => (key.notificationId ? [key.notificationId] : [])))];
  const references = [...new Set(keys.flatMap((key) => (key.notificationId ? [] : [key.providerReference!])))];
  const found =
    keys.length === 0
      ? []
      : await db.$queryRaw<{ id: string; service_id: string; type: string; provider_reference: string | null }[]>`
          SELECT id, service_id, notification_type::text AS type, provider_reference FROM notifications
          WHERE id = ANY(${ids}::uuid[]) OR provider_reference = ANY(${references}::text[])`;
  const byId = new Map(found.map((row) => [row.id, row]));
  const byReference = new Map(found.map((row) => [`${row.type}:${row.provider_reference}`, row]));
  const targetOf = (key: NotificationKey): Target | null => {
    const row = key.notificationId
      ? byId.get(key.notificationId)
      : byReference.get(`${key.type}:${key.providerReference}`);
    if (!row || row.type !== key.type || (key.claimedServiceId && key.claimedServiceId !== row.service_id)) return null;
    return { id: row.id, serviceId: row.service_id };
  };
  return entries.map((entry) => ({ ...entry, target: entry.plan?.about ? targetOf(entry.plan.about) : null }));
}

/**
 * The batch's status changes, one statement per round: a notification's first event in the first
 * round, its second in the next, so that each notification's events apply in the order they happened.
 * A change that reaches a final status queues the service's delivery-status callback with it.
 */
async function applyStatusChangesInOrder(tx: DbTransaction, entries: Planned[]): Promise<void> {
  const rounds: StatusUpdate[][] = [];
  const roundOf = new Map<string, number>();
  for (const { plan, target } of entries) {
    if (!plan?.status || !target) continue;
    const round = roundOf.get(target.id) ?? 0;
    roundOf.set(target.id, round + 1);
    (rounds[round] ??= []).push({ ...plan.status, notificationId: target.id });
  }
  const callbacks: CallbackToQueue[] = [];
  for (const round of rounds)
    for (const moved of await applyStatusChanges(tx, round))
      if (moved.final)
        callbacks.push({ serviceId: moved.serviceId, callbackType: "delivery_status", subjectId: moved.id });
  await queueCallbacks(tx, callbacks);
}

const referencesOf = (entries: Planned[]): ProviderReference[] =>
  entries.flatMap(({ plan, target }) =>
    plan?.reference && target ? [{ notificationId: target.id, ...plan.reference }] : [],
  );

async function markApplied(tx: DbTransaction, entries: Planned[], serviceOf: Map<string, string>): Promise<void> {
  if (entries.length === 0) return;
  await tx.$executeRaw`
    UPDATE provider_events AS e
    SET applied_at = now(), claimed_until = NULL, notification_id = a.notification_id, service_id = a.service_id
    FROM unnest(${entries.map((entry) => entry.event.id)}::uuid[],
                ${entries.map((entry) => entry.target?.id ?? null)}::uuid[],
                ${entries.map((entry) => entry.target?.serviceId ?? serviceOf.get(entry.event.id) ?? null)}::uuid[])
      AS a(id, notification_id, service_id)
    WHERE e.id = a.id`;
}

/** Events whose notification is not found yet: tried again later, or, after about a day, kept as applied to nothing. */
async function postpone(tx: DbTransaction, entries: Planned[]): Promise<void> {
  if (entries.length === 0) return;
  const gaveUp = entries.filter((entry) => entry.event.attempts + 1 >= MAX_ATTEMPTS);
  if (gaveUp.length > 0)
    log.info({ events: gaveUp.length }, "provider events for no known notification, kept without applying");
  await tx.$executeRaw`
    UPDATE provider_events AS e
    SET attempts = e.attempts + 1, claimed_until = NULL,
        apply_after = now() + make_interval(secs => a.delay),
        applied_at = CASE WHEN a.give_up THEN now() END
    FROM unnest(${entries.map((entry) => entry.event.id)}::uuid[],
                ${entries.map((entry) => retryDelaySeconds(entry.event.attempts))}::int[],
                ${entries.map((entry) => entry.event.attempts + 1 >= MAX_ATTEMPTS)}::boolean[]) AS a(id, delay, give_up)
    WHERE e.id = a.id`;
}

/** An event that failed to apply on its own: logged and tried again later, up to the same limit. */
async function postponeAfterFailure(event: StoredEvent, error: unknown): Promise<void> {
  log.error({ err: error, eventId: event.id, source: event.source }, "provider event could not be applied");
  await db.$transaction((tx) => postpone(tx, [{ event, plan: null, target: null }]));
}
