import "server-only";
import { isAppError } from "@/lib/errors";
import { getServiceAccess, type Permission } from "@/lib/permissions";
import { getCurrentUser } from "./session";

/**
 * For route handlers under a service (downloads): the access check pages get from
 * requireServiceAccess, answered as a Response instead of a rendered page when it fails.
 */
export async function serviceRouteAccess(
  serviceId: string,
  permission: Permission,
): Promise<{ ok: true } | { ok: false; response: Response }> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, response: new Response("Sign in first", { status: 401 }) };
  try {
    const access = await getServiceAccess({ userId: user.id, isPlatformAdmin: user.isPlatformAdmin }, serviceId);
    if (!access.permissions.has(permission)) return { ok: false, response: new Response("Forbidden", { status: 403 }) };
    return { ok: true };
  } catch (error) {
    if (isAppError(error, "not_found")) return { ok: false, response: new Response("Not found", { status: 404 }) };
    throw error;
  }
}
