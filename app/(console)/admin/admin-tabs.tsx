import { SectionTabs } from "@/components/layout/section-tabs";

const PAGES = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/phone-numbers", label: "Phone numbers" },
  { href: "/admin/inbound-numbers", label: "Inbound numbers" },
  { href: "/admin/scheduled-jobs", label: "Scheduled jobs" },
  { href: "/admin/live-services", label: "Live services" },
  { href: "/admin/usage", label: "Usage" },
  { href: "/admin/branding", label: "Email branding" },
];

/** The pages of platform admin; `current` is the page's path. */
export function AdminTabs({ current }: { current: string }) {
  return <SectionTabs label="Platform admin" items={PAGES} current={current} />;
}
