import "server-only";
import { decode, encode } from "next-auth/jwt";
import { config } from "@/lib/config";
import { deriveKeys } from "@/lib/crypto/secrets";

// Over HTTPS the `__Host-` prefix makes browsers insist on Secure, Path=/ and no Domain, so no
// other host (a sibling subdomain, a plain-HTTP man in the middle) can plant or overwrite it.
const SECURE_NAME = "__Host-tidings.session";
const PLAIN_NAME = "tidings.session";

/** Every name the session cookie can have, for code that only asks whether there is one. */
export const SESSION_COOKIE_NAMES = [SECURE_NAME, PLAIN_NAME];

const secureCookies = () => config().COOKIE_SECURE || config().publicUrl.startsWith("https://");

export const sessionCookieName = () => (secureCookies() ? SECURE_NAME : PLAIN_NAME);

export type SessionCookie = {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: "lax"; secure: boolean; path: "/"; maxAge: number };
};

// The token is next-auth's encrypted JWT (A256GCM), keyed from SECRET_KEY. It carries the session
// row's id only: the row is the session, checked on every request, and deleted on sign-out. During
// a SECRET_KEY rotation, cookies made with the previous key are still read.
const tokenSecrets = () => deriveKeys("next-auth").map((key) => key.toString("hex"));

/**
 * The cookie that carries a session: HttpOnly (no script reads it), SameSite=Lax (not sent on
 * cross-site posts), Secure and `__Host-` over HTTPS, lasting as long as the session.
 */
export async function sessionCookie(sessionId: string): Promise<SessionCookie> {
  const maxAge = config().SESSION_TTL_HOURS * 3600;
  return {
    name: sessionCookieName(),
    value: await encode({ token: { sessionId }, secret: tokenSecrets()[0]!, maxAge }),
    options: { httpOnly: true, sameSite: "lax", secure: secureCookies(), path: "/", maxAge },
  };
}

/** The session id a cookie's value carries, or null for anything forged, expired or garbled. */
export async function sessionIdOf(value: string): Promise<string | null> {
  for (const secret of tokenSecrets()) {
    const token = await decode({ token: value, secret }).catch(() => null);
    if (typeof token?.sessionId === "string") return token.sessionId;
  }
  return null;
}
