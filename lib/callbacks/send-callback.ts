import "server-only";
import { decryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import type { CallbackType } from "@/lib/generated/prisma/enums";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics/metrics";
import { callbackPayload } from "./payloads";
import { postJson } from "./post-json";
import { signatureHeaders } from "./sign-callback";
import { activeSigningSecrets } from "./signing-secrets";

class CallbackRetryableError extends Error {
  override name = "CallbackRetryableError";
}

export type CallbackJob = {
  serviceId: string;
  callbackType: CallbackType;
  subjectId: string;
  attempt: number;
  isLastAttempt: boolean;
};

/**
 * Posts one callback to the service, as GOV.UK Notify does: JSON with the service's bearer token,
 * a 5 second timeout; signed too (lib/callbacks/sign-callback.ts) once the service has a signing secret. Connection failures, 5xx and 429 are retried (with backoff, by the queue);
 * other answers are final. Every attempt is recorded, so the service can see what went wrong.
 */
export async function sendCallback(job: CallbackJob): Promise<"sent" | "skipped" | "failed"> {
  const target = await db.serviceCallbackApi.findUnique({
    where: { serviceId_callbackType: { serviceId: job.serviceId, callbackType: job.callbackType } },
  });
  if (!target) return "skipped";
  const payload = await callbackPayload(job.callbackType, job.serviceId, job.subjectId);
  if (!payload) return "skipped";

  const secrets = await activeSigningSecrets(job.serviceId);
  const result = await postJson(target.url, decryptSecret(target.bearerTokenEncrypted), payload, (body) =>
    signatureHeaders(body, secrets),
  );
  const succeeded = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  await db.callbackAttempt.create({
    data: {
      serviceId: job.serviceId,
      callbackType: job.callbackType,
      subjectId: job.subjectId,
      url: target.url,
      attempt: job.attempt,
      succeeded,
      statusCode: result.statusCode,
      error: result.error?.slice(0, 500) ?? null,
      durationMs: result.durationMs,
    },
  });
  if (succeeded) return "sent";

  metrics().callbacksFailed.inc({ callback_type: job.callbackType });
  const retryable = result.statusCode === null || result.statusCode >= 500 || result.statusCode === 429;
  log.warn(
    {
      serviceId: job.serviceId,
      callbackType: job.callbackType,
      statusCode: result.statusCode,
      error: result.error,
      attempt: job.attempt,
      retryable,
    },
    "callback failed",
  );
  if (retryable && !job.isLastAttempt) throw new CallbackRetryableError(result.error ?? `HTTP ${result.statusCode}`);
  return "failed";
}
