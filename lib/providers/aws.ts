import "server-only";
import http from "node:http";
import https from "node:https";
import { config } from "@/lib/config";
import { ProviderError } from "./types";

/**
 * Settings every AWS client shares. `maxAttempts: 1`: SendEmail and SendTextMessage take no
 * idempotency token, so an SDK retry after a timeout could send twice. The worker retries instead,
 * where each attempt is recorded.
 */
export function awsClientConfig(endpoint: string | undefined) {
  const { AWS_REGION, DELIVERY_MAX_IN_FLIGHT } = config();
  // Connections kept open and enough of them for every send a worker keeps in flight: a new TLS
  // handshake per message would cost more than the message.
  const agent = { keepAlive: true, maxSockets: DELIVERY_MAX_IN_FLIGHT };
  return {
    region: AWS_REGION ?? "us-east-1",
    maxAttempts: 1,
    // The middleware stack resolved once per operation, not per call: the worker makes thousands.
    cacheMiddleware: true,
    requestHandler: {
      connectionTimeout: 3_000,
      requestTimeout: 15_000,
      httpAgent: new http.Agent(agent),
      httpsAgent: new https.Agent(agent),
    },
    ...(endpoint ? { endpoint } : {}),
  };
}

const THROTTLING = new Set([
  "ThrottlingException",
  "TooManyRequestsException",
  "Throttling",
  "ThrottledException",
  "SlowDown",
  "RequestLimitExceeded",
]);
// The request never left, or was refused before the provider looked at it.
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
// The request may have been received and acted on; only the answer was lost.
const MAYBE_SENT_CODES = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT"]);

type AwsError = {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  reason?: string;
  Reason?: string;
};

/**
 * Turns an AWS SDK error into what the worker needs to know. `rejected` and `invalidRecipient`
 * name the errors of this API that no retry can fix.
 */
export function classifyAwsError(
  error: unknown,
  permanent: { rejected: string[]; invalidRecipient?: (error: AwsError) => boolean },
): ProviderError {
  const failure = (error ?? {}) as AwsError;
  const name = failure.name ?? "Error";
  const status = failure.$metadata?.httpStatusCode;
  const message = failure.message ?? String(error);
  if (THROTTLING.has(name) || status === 429) return new ProviderError("throttled", message, name);
  if (permanent.invalidRecipient?.(failure))
    return new ProviderError("invalid-recipient", message, failure.reason ?? failure.Reason ?? name);
  if (permanent.rejected.includes(name)) return new ProviderError("rejected", message, name);
  if (failure.code && NOT_SENT_CODES.has(failure.code)) return new ProviderError("retryable", message, failure.code);
  if (
    name === "TimeoutError" ||
    name === "RequestTimeout" ||
    (failure.code && MAYBE_SENT_CODES.has(failure.code)) ||
    /socket hang up/i.test(message)
  ) {
    return new ProviderError("uncertain", message, failure.code ?? name);
  }
  return new ProviderError("retryable", message, status ? `${name} (HTTP ${status})` : name);
}
