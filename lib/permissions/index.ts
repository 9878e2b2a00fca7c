import "server-only";
import { db } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import type { Permission } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/validation";

export type { Permission };

/** Every permission, in the order the console lists them, with GOV.UK Notify's labels. */
export const PERMISSIONS: { value: Permission; label: string }[] = [
  { value: "view_activity", label: "See dashboard and activity" },
  { value: "send_messages", label: "Send messages" },
  { value: "manage_templates", label: "Add and edit templates" },
  { value: "manage_team", label: "Manage team members" },
  { value: "manage_service", label: "Manage settings" },
  { value: "manage_api_keys", label: "Manage API integration" },
];

export const ALL_PERMISSIONS: Permission[] = PERMISSIONS.map((permission) => permission.value);

/**
 * Who does something: a signed-in person, or the operator (someone at the command line, or Tidings
 * itself setting up its own service), who has no account and may do what a platform administrator
 * may; audit rows then name no user.
 */
export type Actor = { userId: string; isPlatformAdmin: boolean } | { userId: null; isPlatformAdmin: true };

export const OPERATOR: Actor = { userId: null, isPlatformAdmin: true };

export type ServiceAccess = { serviceId: string; permissions: Set<Permission>; isMember: boolean };

/**
 * What `actor` may do in a service. Platform administrators may do everything everywhere.
 * Someone with no access gets "not found", so that service ids cannot be probed.
 */
export async function getServiceAccess(actor: Actor, serviceId: string): Promise<ServiceAccess> {
  const membership =
    isUuid(serviceId) && actor.userId !== null
      ? await db.serviceMember.findUnique({
          where: { serviceId_userId: { serviceId, userId: actor.userId } },
          select: { permissions: true },
        })
      : null;
  if (membership) {
    const permissions = new Set<Permission>(actor.isPlatformAdmin ? ALL_PERMISSIONS : membership.permissions);
    return { serviceId, permissions, isMember: true };
  }
  if (
    actor.isPlatformAdmin &&
    isUuid(serviceId) &&
    (await db.service.findUnique({ where: { id: serviceId }, select: { id: true } }))
  ) {
    return { serviceId, permissions: new Set(ALL_PERMISSIONS), isMember: false };
  }
  throw notFound("Service");
}

/** Throws unless `actor` holds `permission` in the service; returns the access for further checks. */
export async function requireServicePermission(
  actor: Actor,
  serviceId: string,
  permission?: Permission,
): Promise<ServiceAccess> {
  const access = await getServiceAccess(actor, serviceId);
  if (permission && !access.permissions.has(permission)) throw forbidden();
  return access;
}

/** Throws unless `actor` is a platform administrator (or an operator at the command line). */
export function requirePlatformAdmin(actor: Actor): void {
  if (!actor.isPlatformAdmin) throw forbidden();
}

/** The options every write to a service takes: who does it, in which service, and what. */
export type ServiceWrite<Input = object> = { actor: Actor; serviceId: string } & Input;

/** The options every platform-wide write takes (platform administrators only): who does it, and what. */
export type PlatformWrite<Input = object> = { actor: Actor } & Input;

/** The options every write to one's own account takes (the person is the actor). */
export type AccountWrite<Input = object> = { actor: Actor } & Input;

/** The id of the actor's own account; the operator has none. */
export function ownAccountOf(actor: Actor): string {
  if (actor.userId === null) throw forbidden("Sign in to change your account");
  return actor.userId;
}
