import "server-only";
import { createHmac } from "node:crypto";

/** The headers a signed callback carries (documented on the API documentation page). */
const SIGNATURE_HEADER = "Tidings-Signature";
const TIMESTAMP_HEADER = "Tidings-Timestamp";

/**
 * Signs a callback's body as `<unix seconds>.<body>` with HMAC-SHA256 under each secret:
 * `Tidings-Timestamp: 1767225600` and `Tidings-Signature: v1=<hex>, v1=<hex>` (one per secret in
 * use, the newest first). A receiver recomputes the HMAC with its secret, accepts the request if
 * any `v1` matches, and refuses timestamps more than a few minutes old (replays).
 */
export function signatureHeaders(body: string, secrets: string[], now: Date = new Date()): Record<string, string> {
  if (secrets.length === 0) return {};
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const signatures = secrets.map(
    (secret) => `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`,
  );
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signatures.join(", ") };
}
