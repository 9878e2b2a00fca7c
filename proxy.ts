import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session-cookies";
import { isForeignOrigin, ownOrigins, pageContentSecurityPolicy, securityHeaders } from "@/lib/http/security-headers";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const SIGNED_IN_AREAS = ["/services", "/admin"];

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

async function readsAsForm(request: NextRequest): Promise<boolean> {
  if (!/^multipart\/form-data/i.test(request.headers.get("content-type") ?? "")) return true;
  try {
    await request.formData();
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs before everything Next.js serves. It sets the security headers, with a fresh nonce for the
 * Content-Security-Policy (Next.js reads it from the request's header and puts it on its inline
 * scripts), refuses form posts and server actions from another origin (a garbled Origin too,
 * which would otherwise reach Next.js and fail there) and multipart posts that do not parse, and sends visitors without a session cookie
 * to sign in: a fast path only, as every page and action checks the session itself.
 */
export async function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = pageContentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development" });

  // One-click unsubscribe (RFC 8058): mail providers post from their own servers, without a cookie;
  // the signed token in the address is the permission, so no origin or session check applies.
  const unsubscribe = /^\/unsubscribe\/([^/]+)\/?$/.exec(request.nextUrl.pathname);
  if (request.method === "POST" && unsubscribe)
    return withSecurityHeaders(NextResponse.rewrite(new URL(`/api/unsubscribe/${unsubscribe[1]}`, request.url)), csp);

  if (!SAFE_METHODS.has(request.method) && isForeignOrigin(request.headers.get("origin"), ownOrigins(request.url)))
    return withSecurityHeaders(new NextResponse("This form was sent from another site.", { status: 403 }), csp);

  // Next.js reads a multipart post as a form that may carry a server action, and fails with a 500
  // on one it cannot parse: this copy of the body is proxy's own, so reading it costs the page nothing.
  if (request.method === "POST" && !(await readsAsForm(request)))
    return withSecurityHeaders(new NextResponse("This form could not be read.", { status: 400 }), csp);

  const { pathname, search } = request.nextUrl;
  const needsSession = SIGNED_IN_AREAS.some((area) => pathname === area || pathname.startsWith(`${area}/`));
  if (needsSession && !SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name))) {
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return withSecurityHeaders(NextResponse.redirect(signIn), csp);
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp);
}

/**
 * Everything but the upload form's post without JavaScript: Next.js copies the body of every
 * request the proxy sees into memory (and cuts it at 10 MB), and that route streams a file of up to
 * 100 MB on to S3. It makes the proxy's origin and session checks itself (serviceFormPostAccess).
 */
export const config = { matcher: ["/((?!services/[^/]+/send/[^/]+/upload/file$).*)"] };
