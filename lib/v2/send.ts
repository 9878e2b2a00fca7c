import "server-only";
import { createHash } from "node:crypto";
import type { ApiCaller } from "@/lib/api-keys/authenticate";
import { AppError } from "@/lib/errors";
import { sendNotification, type SendNotificationInput } from "@/lib/notifications/send-notification";
import type { SanitisedContent } from "@/lib/templates/sanitise-personalisation";
import { postNotificationResponse } from "@/lib/v2/serializers";

/** How far ahead `scheduled_for` may be. */
const MAX_SCHEDULE_DAYS = 7;

export function parseScheduledFor(value: string | null | undefined, now: Date = new Date()): Date | null {
  if (value === undefined || value === null) return null;
  const iso = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
  const date = iso.test(value.trim())
    ? new Date(/(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim()) ? value.trim() : `${value.trim()}Z`)
    : new Date(Number.NaN);
  const invalid = (message: string) =>
    new AppError("validation", `scheduled_for ${message}`, { scheduled_for: `scheduled_for ${message}` });
  if (Number.isNaN(date.getTime()))
    throw invalid(
      "datetime format is invalid. It must be a valid ISO8601 date time format, https://en.wikipedia.org/wiki/ISO_8601",
    );
  if (date.getTime() < now.getTime() - 60_000) throw invalid("datetime can not be in the past");
  if (date.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * 86_400_000)
    throw invalid(`datetime can only be up to ${MAX_SCHEDULE_DAYS} days in the future`);
  return date;
}

export function checkUnsubscribeUrl(value: string | undefined): string | null {
  if (value === undefined) return null;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || url.protocol !== "https:")
    throw new AppError("validation", "one_click_unsubscribe_url is not a valid https url", {
      one_click_unsubscribe_url: "one_click_unsubscribe_url is not a valid https url",
    });
  return value;
}

export function refuseFileAttachments(personalisation: Record<string, unknown> | undefined): void {
  const hasFile = Object.values(personalisation ?? {}).some(
    (value) => typeof value === "object" && value !== null && !Array.isArray(value) && "file" in value,
  );
  if (hasFile) throw new AppError("bad_request", "Service is not allowed to send documents");
}

/** The request's Idempotency-Key, with the hash of what it asks for (a retry must ask for the same). */
export function idempotencyKeyOf(request: Request, rawBody: string): { key: string; requestHash: string } | null {
  const key = request.headers.get("idempotency-key")?.trim();
  if (key === undefined) return null;
  if (key.length === 0 || key.length > 255)
    throw new AppError("bad_request", "Idempotency-Key must be between 1 and 255 characters");
  const requestHash = createHash("sha256")
    .update(`${new URL(request.url).pathname}\n${rawBody}`)
    .digest("hex");
  return { key, requestHash };
}

/** Answers a retry with the first answer to its Idempotency-Key. */
export const replayedResponse = (replayed: { statusCode: number; body: unknown }) =>
  Response.json(replayed.body, { status: replayed.statusCode, headers: { "Idempotent-Replayed": "true" } });

/**
 * POST /v2/notifications/{email,sms}: sends through lib and answers 201 with Notify's body, or
 * replays the first answer to a retry with the same Idempotency-Key.
 */
export async function acceptNotification(
  request: Request,
  caller: ApiCaller,
  rawBody: string,
  input: SendNotificationInput,
  /** Added to the answer: Notify's `sanitised_content` when the request asked for it. */
  extra: { sanitised_content?: SanitisedContent } = {},
): Promise<Response> {
  const key = idempotencyKeyOf(request, rawBody);
  const result = await sendNotification(
    {
      service: caller.service,
      keyType: caller.apiKey.keyType,
      apiKeyId: caller.apiKey.id,
      ...(key
        ? {
            idempotency: {
              ...key,
              respond: (notification) => ({
                statusCode: 201,
                body: { ...postNotificationResponse(notification), ...extra },
              }),
            },
          }
        : {}),
    },
    input,
  );
  if (result.replayed) return replayedResponse(result.replayed);
  return Response.json({ ...postNotificationResponse(result.notification), ...extra }, { status: 201 });
}
