import "server-only";
import { config } from "@/lib/config";

const overHttps = () => config().publicUrl.startsWith("https://");

/**
 * The headers every response carries, pages and API alike: no sniffing content types, no framing,
 * no referrer beyond our origin, none of the powerful browser features (security keys excepted),
 * and HTTPS only once PUBLIC_URL is https.
 */
export function securityHeaders(): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy":
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(overHttps() ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** Where browsers PUT uploaded spreadsheets (presigned URLs of S3_BUCKET_UPLOADS, lib/storage/s3.ts). */
function uploadsOrigin(): string {
  const settings = config();
  if (settings.AWS_ENDPOINT_URL_S3) return new URL(settings.AWS_ENDPOINT_URL_S3).origin;
  return `https://${settings.S3_BUCKET_UPLOADS}.s3.${settings.AWS_REGION ?? "us-east-1"}.amazonaws.com`;
}

/**
 * The console's Content-Security-Policy. Scripts run only from our origin with this request's
 * nonce (Next.js puts it on its own inline scripts, and 'strict-dynamic' lets those load the rest);
 * inline styles stay allowed because React renders style attributes, which no nonce can cover.
 */
export function pageContentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${uploadsOrigin()}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(overHttps() ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** JSON answers (the API, the webhooks) load nothing and belong in no frame. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Whether a state-changing request's Origin header is ours. Browsers send Origin on every
 * cross-site POST, so a foreign or garbled one is refused (cross-site request forgery); requests
 * without one come from no browser form of another site.
 */
export function isForeignOrigin(origin: string | null, ownOrigins: string[]): boolean {
  if (origin === null) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return true;
  }
  return parsed.origin === "null" || !ownOrigins.includes(parsed.origin);
}

/** The origins this installation answers at: PUBLIC_URL's, and the one the request itself names. */
export function ownOrigins(requestUrl: string): string[] {
  return [new URL(config().publicUrl).origin, new URL(requestUrl).origin];
}
