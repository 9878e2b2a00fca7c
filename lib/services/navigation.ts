import "server-only";
import type { Permission } from "@/lib/permissions";

type Section = { path: string; label: string; permission?: Permission };

// A section is listed only to members who may open it; each page checks again on the server.
const SECTIONS: Section[] = [
  { path: "", label: "Dashboard" },
  { path: "/templates", label: "Templates" },
  { path: "/activity", label: "Activity", permission: "view_activity" },
  { path: "/deliverability", label: "Bounces and complaints", permission: "view_activity" },
  { path: "/team", label: "Team" },
  { path: "/api", label: "API integration", permission: "manage_api_keys" },
  { path: "/settings", label: "Settings", permission: "manage_service" },
];

export function serviceNavigation(serviceId: string, permissions: Set<Permission>) {
  return SECTIONS.filter((section) => !section.permission || permissions.has(section.permission)).map((section) => ({
    href: `/services/${serviceId}${section.path}`,
    label: section.label,
  }));
}
