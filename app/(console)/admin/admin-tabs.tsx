import { SectionTabs } from "@/components/layout/section-tabs";

const PAGES = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/inbound-numbers", label: "Inbound numbers" },
];

/** The pages of platform admin; `current` is the page's path. */
export function AdminTabs({ current }: { current: string }) {
  return <SectionTabs label="Platform admin" items={PAGES} current={current} />;
}
