import "server-only";
import { config } from "@/lib/config";
import { log } from "@/lib/log";

/**
 * Exports traces over OTLP (HTTP) when OTEL_EXPORTER_OTLP_ENDPOINT is set, and does nothing
 * otherwise: no vendor's agent, and without that setting OpenTelemetry's SDK is not even loaded
 * (lib/telemetry/tracing.ts needs only its API). The web app traces each request, the worker each
 * job and each batch of provider calls. Answers a function that flushes and stops the exporter.
 */
export async function startTelemetry(role: "web" | "worker"): Promise<() => Promise<void>> {
  const { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME } = config();
  if (!endpoint) return async () => {};
  const { exportTracesOverOtlp } = await import("./otlp-export");
  const stop = exportTracesOverOtlp(endpoint, OTEL_SERVICE_NAME ?? `tidings-${role}`);
  log.info({ endpoint, role }, "exporting traces over OTLP");
  return stop;
}
