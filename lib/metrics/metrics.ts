import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The Prometheus metrics of this process (web or worker), served at /metrics. Code on busy paths
 * only increments counters (a label lookup and an addition); figures read from the database are
 * gathered when /metrics is scraped (lib/operations/metrics-endpoint.ts).
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: "tidings_http_requests_total",
      help: "HTTP requests answered, by route pattern, method and status class (2xx, 4xx, …)",
      labelNames: ["route", "method", "status_class"] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: "tidings_http_request_duration_seconds",
      help: "Time to answer HTTP requests, by route pattern, method and status class",
      labelNames: ["route", "method", "status_class"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    notificationsAccepted: new Counter({
      name: "tidings_notifications_accepted_total",
      help: "Notifications accepted (stored with their delivery job), by channel",
      labelNames: ["channel"] as const,
      registers,
    }),
    notificationsCompleted: new Counter({
      name: "tidings_notifications_completed_total",
      help: "Notifications that reached a final status, by channel and status",
      labelNames: ["channel", "status"] as const,
      registers,
    }),
    providerCalls: new Counter({
      name: "tidings_provider_calls_total",
      help: "Messages handed to a provider, by provider",
      labelNames: ["provider"] as const,
      registers,
    }),
    providerErrors: new Counter({
      name: "tidings_provider_errors_total",
      help: "Messages a provider refused, by provider and kind (retryable, permanent, …)",
      labelNames: ["provider", "kind"] as const,
      registers,
    }),
    sendTokensGranted: new Counter({
      name: "tidings_send_tokens_granted_total",
      help: "Send-rate tokens leased from a provider's shared budget; its rate is the send rate in use",
      labelNames: ["provider"] as const,
      registers,
    }),
    sendRateLimit: new Gauge({
      name: "tidings_send_rate_limit_per_second",
      help: "The send rate a provider's shared budget allows, as last seen by this process",
      labelNames: ["provider"] as const,
      registers,
    }),
    sendBudgetTokens: new Gauge({
      name: "tidings_send_budget_tokens",
      help: "Tokens left in each provider's shared send budget when scraped",
      labelNames: ["provider"] as const,
      registers,
    }),
    queueJobs: new Gauge({
      name: "tidings_queue_jobs",
      help: "Jobs waiting or running in each pg-boss queue, by state (the same from every process)",
      labelNames: ["queue", "state"] as const,
      registers,
    }),
    queueOldestAge: new Gauge({
      name: "tidings_queue_oldest_job_age_seconds",
      help: "Age of the oldest job due and not yet started in each pg-boss queue (0 when none)",
      labelNames: ["queue"] as const,
      registers,
    }),
    snsReceived: new Counter({
      name: "tidings_sns_events_received_total",
      help: "SNS messages verified and accepted by a webhook, by source (ses, sms, inbound-sms)",
      labelNames: ["source"] as const,
      registers,
    }),
    snsRefused: new Counter({
      name: "tidings_sns_events_refused_total",
      help: "SNS posts refused by a webhook, by source and reason (unverified: 403, malformed: 400)",
      labelNames: ["source", "reason"] as const,
      registers,
    }),
    snsApplied: new Counter({
      name: "tidings_sns_events_applied_total",
      help: "Stored provider events applied by the worker, by source",
      labelNames: ["source"] as const,
      registers,
    }),
    eventsWaiting: new Gauge({
      name: "tidings_provider_events_waiting",
      help: "Provider events stored and due but not applied yet",
      registers,
    }),
    callbacksFailed: new Counter({
      name: "tidings_callbacks_failed_total",
      help: "Callbacks to services that failed (each attempt), by callback type",
      labelNames: ["callback_type"] as const,
      registers,
    }),
    heartbeats: new Counter({
      name: "tidings_worker_heartbeats_total",
      help: "Heartbeats this worker process recorded",
      registers,
    }),
    scheduledRuns: new Counter({
      name: "tidings_scheduled_job_runs_total",
      help: "Runs of scheduled jobs in this process, by job and outcome",
      labelNames: ["job", "outcome"] as const,
      registers,
    }),
    scheduledOverdue: new Gauge({
      name: "tidings_scheduled_job_overdue",
      help: "1 for a scheduled job not succeeded within twice its period, else 0",
      labelNames: ["job"] as const,
      registers,
    }),
  };
}

const globalForMetrics = globalThis as unknown as { tidingsMetrics?: ReturnType<typeof createMetrics> };

/** The process's metrics, created once even where bundles hold several copies of this module. */
export function metrics(): ReturnType<typeof createMetrics> {
  globalForMetrics.tidingsMetrics ??= createMetrics();
  return globalForMetrics.tidingsMetrics;
}
