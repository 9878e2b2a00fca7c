import "server-only";
import { cookies } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { SESSION_COOKIE_NAMES, sessionCookie, sessionCookieName, sessionIdOf } from "@/lib/auth/session-cookies";
import { endSession, findSessionUser, type SessionUser } from "@/lib/auth/sessions";
import { isAppError } from "@/lib/errors";
import { getServiceAccess, type Permission, type ServiceAccess } from "@/lib/permissions";

async function currentSessionId(): Promise<string | null> {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  return raw ? sessionIdOf(raw) : null;
}

/**
 * The signed-in user, checked against the sessions table on every request. The session id
 * travels only in the HttpOnly cookie, so browser code never sees it.
 */
export async function getCurrentUser(options: { pending?: boolean } = {}): Promise<SessionUser | null> {
  const sessionId = await currentSessionId();
  return sessionId ? findSessionUser(sessionId, options) : null;
}

/** For the sign-in action: the browser now carries this session (which still waits for its code). */
export async function holdSession(sessionId: string): Promise<void> {
  const { name, value, options } = await sessionCookie(sessionId);
  (await cookies()).set(name, value, options);
}

/** Signs out: the session row goes, so the cookie is worthless even where a copy of it survives. */
export async function dropSession(): Promise<void> {
  const sessionId = await currentSessionId();
  if (sessionId) await endSession(sessionId);
  const store = await cookies();
  for (const name of SESSION_COOKIE_NAMES) if (store.has(name)) store.delete(name);
}

/** For pages and server actions: the user, or a redirect to sign in (or to the sign-in code, when the password was right). */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (user) return user;
  if (await getCurrentUser({ pending: true })) redirect("/sign-in/code");
  redirect("/sign-in");
}

export async function requirePlatformAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (!user.isPlatformAdmin) forbidden();
  return user;
}

/**
 * For a service's pages and actions: 404 when the user has no access to the service at all,
 * 403 when they lack the permission the page needs.
 */
export async function requireServiceAccess(
  serviceId: string,
  permission?: Permission,
): Promise<{ user: SessionUser; access: ServiceAccess }> {
  const user = await requireUser();
  let access: ServiceAccess;
  try {
    access = await getServiceAccess({ userId: user.id, isPlatformAdmin: user.isPlatformAdmin }, serviceId);
  } catch (error) {
    if (isAppError(error, "not_found")) notFound();
    throw error;
  }
  if (permission && !access.permissions.has(permission)) forbidden();
  return { user, access };
}

export const actorOf = (user: SessionUser) => ({ userId: user.id, isPlatformAdmin: user.isPlatformAdmin });
