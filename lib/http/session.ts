import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session-cookies";
import { findSessionUser, type SessionUser } from "@/lib/auth/sessions";
import { isAppError } from "@/lib/errors";
import { getServiceAccess, type Permission, type ServiceAccess } from "@/lib/permissions";

/**
 * The signed-in user, checked against the sessions table on every request. The token is read
 * from next-auth's cookie here rather than through its session endpoint, so the session id never
 * has to be exposed to browser code.
 */
export async function getCurrentUser(options: { pending?: boolean } = {}): Promise<SessionUser | null> {
  const store = await cookies();
  const raw = SESSION_COOKIE_NAMES.map((name) => store.get(name)?.value).find(Boolean);
  if (!raw) return null;
  const token = await decode({ token: raw, secret: authOptions().secret as string }).catch(() => null);
  return token?.sessionId ? findSessionUser(token.sessionId, options) : null;
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
