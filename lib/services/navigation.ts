import "server-only";
import type { Permission } from "@/lib/permissions";

/** `within`: other paths whose pages belong to the section (a template's send page to Templates). */
type Section = { path: string; label: string; permission?: Permission; within?: string[] };

// A section is listed only to members who may open it; each page checks again on the server.
const SECTIONS: Section[] = [
  { path: "", label: "Dashboard" },
  { path: "/templates", label: "Templates", within: ["/send"] },
  { path: "/activity", label: "Activity", permission: "view_activity", within: ["/notifications"] },
  { path: "/uploads", label: "Uploads", permission: "send_messages" },
  { path: "/inbox", label: "Received text messages", permission: "view_activity" },
  { path: "/usage", label: "Usage", permission: "view_activity" },
  { path: "/campaigns", label: "Campaigns", permission: "send_messages" },
  { path: "/lists", label: "Mailing lists", permission: "send_messages" },
  { path: "/deliverability", label: "Bounces and complaints", permission: "view_activity" },
  { path: "/team", label: "Team" },
  { path: "/phone-numbers", label: "Phone numbers" },
  { path: "/api", label: "API integration", permission: "manage_api_keys" },
  { path: "/settings", label: "Settings", permission: "manage_service" },
];

export function serviceNavigation(serviceId: string, permissions: Set<Permission>) {
  return SECTIONS.filter((section) => !section.permission || permissions.has(section.permission)).map((section) => ({
    href: `/services/${serviceId}${section.path}`,
    label: section.label,
    within: (section.within ?? []).map((path) => `/services/${serviceId}${path}`),
  }));
}
