import "server-only";
import { isAppError } from "@/lib/errors";
import { getServiceAccess, type Permission } from "@/lib/permissions";
import { isForeignOrigin, ownOrigins } from "./security-headers";
import type { SessionUser } from "@/lib/auth/sessions";
import { getCurrentUser } from "./session";

/**
 * For route handlers under a service (downloads): the access check pages get from
 * requireServiceAccess, answered as a Response instead of a rendered page when it fails.
 */
export async function serviceRouteAccess(
  serviceId: string,
  permission: Permission,
): Promise<{ ok: true; user: SessionUser } | { ok: false; response: Response }> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, response: new Response("Sign in first", { status: 401 }) };
  try {
    const access = await getServiceAccess({ userId: user.id, isPlatformAdmin: user.isPlatformAdmin }, serviceId);
    if (!access.permissions.has(permission)) return { ok: false, response: new Response("Forbidden", { status: 403 }) };
    return { ok: true, user };
  } catch (error) {
    if (isAppError(error, "not_found")) return { ok: false, response: new Response("Not found", { status: 404 }) };
    throw error;
  }
}

/** For the platform admin's route handlers (every service's figures): a platform admin only. */
export async function platformRouteAccess(): Promise<
  { ok: true; user: SessionUser } | { ok: false; response: Response }
> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, response: new Response("Sign in first", { status: 401 }) };
  if (!user.isPlatformAdmin) return { ok: false, response: new Response("Forbidden", { status: 403 }) };
  return { ok: true, user };
}

/**
 * The same for a form posted to a route handler that the proxy leaves alone (so that its body
 * streams, proxy.ts): the proxy's refusal of a post from another site first.
 */
export async function serviceFormPostAccess(
  request: Request,
  serviceId: string,
  permission: Permission,
): Promise<{ ok: true; user: SessionUser } | { ok: false; response: Response }> {
  if (isForeignOrigin(request.headers.get("origin"), ownOrigins(request.url)))
    return { ok: false, response: new Response("This form was sent from another site.", { status: 403 }) };
  return serviceRouteAccess(serviceId, permission);
}
