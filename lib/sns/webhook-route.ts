import "server-only";
import type { ProviderEventSource } from "@/lib/events/event-plan";
import { receiveSnsWebhook } from "@/lib/sns/receive-sns-webhook";
import { isDatabaseUnavailable } from "@/lib/db";
import { log } from "@/lib/log";
import { readLimitedText } from "@/lib/http/read-limited-text";

// SNS messages are at most 256 KiB; the envelope adds a little.
const MAX_SNS_BODY_BYTES = 320 * 1024;

/** The POST handler of one SNS webhook: SNS sends JSON as text/plain, so the body is read raw. */
export function snsWebhookRoute(source: ProviderEventSource) {
  return async (request: Request): Promise<Response> => {
    try {
      const body = await readLimitedText(request, MAX_SNS_BODY_BYTES);
      if (body === null) return Response.json({ message: "The body is too large" }, { status: 400 });
      const { status, message } = await receiveSnsWebhook(source, body);
      return Response.json({ message }, { status });
    } catch (error) {
      // Our fault: a 5xx makes SNS deliver the message again later.
      if (isDatabaseUnavailable(error)) {
        log.warn({ err: error, source }, "SNS webhook refused: database unavailable");
        return Response.json({ message: "Service temporarily unavailable" }, { status: 503 });
      }
      log.error({ err: error, source }, "SNS webhook failed");
      return Response.json({ message: "Internal server error" }, { status: 500 });
    }
  };
}
