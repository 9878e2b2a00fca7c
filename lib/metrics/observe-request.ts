import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { metrics } from "./metrics";
import { routePatternOf, statusClassOf } from "./route-pattern";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Counts the request and its time to answer once the response is finished (a few additions). */
export function observeRequest(incoming: IncomingMessage, outgoing: ServerResponse): void {
  const started = performance.now();
  outgoing.once("finish", () => {
    const status = outgoing.statusCode;
    const labels = {
      route: routePatternOf(incoming.url ?? "/", status),
      method: METHODS.has(incoming.method ?? "") ? incoming.method! : "other",
      status_class: statusClassOf(status),
    };
    const { httpRequests, httpDuration } = metrics();
    httpRequests.inc(labels);
    httpDuration.observe(labels, (performance.now() - started) / 1000);
  });
}
