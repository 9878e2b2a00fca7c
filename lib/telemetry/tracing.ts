import "server-only";
import { SpanStatusCode, trace, type Attributes, type Span } from "@opentelemetry/api";

const tracer = () => trace.getTracer("tidings");

/**
 * Runs `work` in a span named `name`. Without OTEL_EXPORTER_OTLP_ENDPOINT no tracer provider is
 * registered and OpenTelemetry's API hands out non-recording spans, so this costs next to nothing.
 * A failure is recorded on the span and thrown on.
 */
export function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The trace id of the active span, for log lines (undefined when not tracing). */
export function currentTraceId(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && trace.isSpanContextValid(context) && context.traceFlags & 1 ? context.traceId : undefined;
}
