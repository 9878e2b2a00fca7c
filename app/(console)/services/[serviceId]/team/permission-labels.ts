import { PERMISSIONS, type Permission } from "@/lib/permissions";

/** "Send messages, Add and edit templates", or what someone with no permission can still do. */
export function describePermissions(permissions: Permission[]): string {
  const labels = PERMISSIONS.filter((permission) => permissions.includes(permission.value)).map(
    (permission) => permission.label,
  );
  return labels.length > 0 ? labels.join(", ") : "Can only see the service’s overview and team";
}
