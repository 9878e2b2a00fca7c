import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { withRequestId } from "@/lib/log/request-context";
import { logUnhandledError } from "@/lib/log/unhandled-errors";
import { observeRequest } from "@/lib/metrics/observe-request";
import { routePatternOf } from "@/lib/metrics/route-pattern";
import { serveMetrics } from "@/lib/operations/metrics-endpoint";
import { currentTraceId, inSpan } from "@/lib/telemetry/tracing";
import { createRouteDispatcher } from "./route-dispatcher";

type NodeHandler = (incoming: IncomingMessage, outgoing: ServerResponse) => Promise<void> | void;

// A proxy's request id is kept when it looks like one; otherwise each request gets its own.
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * What the web server does with each request: give it a request id (X-Request-Id), count it for
 * /metrics and trace it (when OTEL_EXPORTER_OTLP_ENDPOINT is set), answer /metrics itself, serve
 * the API and webhooks directly, and hand the rest to Next.js. The request id is also the request's
 * context (`currentRequestId`), so handlers log their own failures with it; an error that escapes a
 * handler is logged once, with it too.
 */
export function createWebRequestHandler(options: { appDir: string; handleWithNext: NodeHandler }): NodeHandler {
  const dispatchDirect = createRouteDispatcher({ appDir: options.appDir });
  return (incoming, outgoing) => {
    const offered = incoming.headers["x-request-id"];
    const requestId = typeof offered === "string" && REQUEST_ID.test(offered) ? offered : randomUUID();
    outgoing.setHeader("X-Request-Id", requestId);
    observeRequest(incoming, outgoing);
    return withRequestId(requestId, () =>
      inSpan(
        `HTTP ${incoming.method}`,
        { "http.request.method": incoming.method, "tidings.request_id": requestId },
        (span) => {
          const finished = new Promise<void>((resolve) => outgoing.once("close", resolve));
          outgoing.once("finish", () => {
            const route = routePatternOf(incoming.url ?? "/", outgoing.statusCode);
            span.updateName(`HTTP ${incoming.method} ${route}`);
            span.setAttributes({ "http.route": route, "http.response.status_code": outgoing.statusCode });
          });
          return serveMetrics(incoming, outgoing, "public")
            .then((served) => served || dispatchDirect(incoming, outgoing))
            .then((served) => (served ? undefined : options.handleWithNext(incoming, outgoing)))
            .then(() => finished)
            .catch((error: unknown) => {
              logUnhandledError(
                error,
                { requestId, traceId: currentTraceId(), method: incoming.method, path: incoming.url?.split("?")[0] },
                "request failed",
              );
              if (!outgoing.headersSent) outgoing.writeHead(500).end();
            });
        },
      ),
    );
  };
}
