import "server-only";
import { createHmac } from "node:crypto";
import { deriveKeys, safeEqual } from "./secrets";

// 128 bits of HMAC-SHA256: enough that a token cannot be forged, short enough for a link.
const SIGNATURE_BYTES = 16;

/**
 * A URL-safe token carrying `payload`, signed with a key derived from SECRET_KEY for `purpose`:
 * `<payload>.<signature>` in base64url. Anyone can read the payload; nobody can alter it.
 */
export function signToken(purpose: string, payload: Buffer): string {
  const [current] = deriveKeys(`signed-token:${purpose}`);
  return `${payload.toString("base64url")}.${signatureOf(current!, payload)}`;
}

/**
 * The payload of a token signed for `purpose` (with SECRET_KEY, or SECRET_KEY_PREVIOUS during a
 * rotation), or null if it was altered, truncated or signed for something else.
 */
export function readSignedToken(purpose: string, token: string): Buffer | null {
  const [encoded, signature, ...rest] = token.split(".");
  if (!encoded || !signature || rest.length > 0) return null;
  const payload = Buffer.from(encoded, "base64url");
  if (payload.toString("base64url") !== encoded) return null;
  const keys = deriveKeys(`signed-token:${purpose}`);
  return keys.some((key) => safeEqual(signature, signatureOf(key, payload))) ? payload : null;
}

function signatureOf(key: Buffer, payload: Buffer): string {
  return createHmac("sha256", key).update(payload).digest().subarray(0, SIGNATURE_BYTES).toString("base64url");
}
