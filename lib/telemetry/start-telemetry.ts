import "server-only";
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { config } from "@/lib/config";
import { log } from "@/lib/log";

/**
 * Exports traces over OTLP (HTTP) when OTEL_EXPORTER_OTLP_ENDPOINT is set, and does nothing
 * otherwise: no vendor's agent, nothing loaded or sent without that setting. The web app traces
 * each request, the worker each job and each batch of provider calls. Answers a function that
 * flushes and stops the exporter.
 */
export function startTelemetry(role: "web" | "worker" | "cli"): () => Promise<void> {
  const { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME } = config();
  if (!endpoint) return async () => {};
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": OTEL_SERVICE_NAME ?? `tidings-${role}` }),
    spanProcessors: [
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, "")}/v1/traces` }) }),
    ],
  });
  trace.setGlobalTracerProvider(provider);
  log.info({ endpoint, role }, "exporting traces over OTLP");
  return async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  };
}
