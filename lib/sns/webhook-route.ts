import "server-only";
import type { ProviderEventSource } from "@/lib/events/event-plan";
import { receiveSnsWebhook } from "@/lib/sns/receive-sns-webhook";
import { isDatabaseUnavailable } from "@/lib/db";
import { log } from "@/lib/log";
import { currentRequestId } from "@/lib/log/request-context";
import { logUnhandledError } from "@/lib/log/unhandled-errors";
import { metrics } from "@/lib/metrics/metrics";
import { readLimitedText } from "@/lib/http/read-limited-text";

// SNS messages are at most 256 KiB; the envelope adds a little.
const MAX_SNS_BODY_BYTES = 320 * 1024;

/** The POST handler of one SNS webhook: SNS sends JSON as text/plain, so the body is read raw. */
export function snsWebhookRoute(source: ProviderEventSource) {
  return async (request: Request): Promise<Response> => {
    try {
      const body = await readLimitedText(request, MAX_SNS_BODY_BYTES);
      if (body === null) {
        metrics().snsRefused.inc({ source, reason: "malformed" });
        return Response.json({ message: "The body is too large" }, { status: 400 });
      }
      const { status, message } = await receiveSnsWebhook(source, body);
      if (status === 200) metrics().snsReceived.inc({ source });
      else metrics().snsRefused.inc({ source, reason: status === 403 ? "unverified" : "malformed" });
      return Response.json({ message }, { status });
    } catch (error) {
      // Our fault: a 5xx makes SNS deliver the message again later.
      const origin = { requestId: currentRequestId(), source };
      if (isDatabaseUnavailable(error)) {
        log.warn({ err: error, ...origin }, "SNS webhook refused: database unavailable");
        return Response.json({ message: "Service temporarily unavailable" }, { status: 503 });
      }
      logUnhandledError(error, origin, "SNS webhook failed");
      return Response.json({ message: "Internal server error" }, { status: 500 });
    }
  };
}
