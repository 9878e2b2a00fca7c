import { SectionTabs } from "@/components/layout/section-tabs";

const PAGES = [
  { path: "", label: "API log" },
  { path: "/keys", label: "API keys" },
  { path: "/callbacks", label: "Callbacks" },
  { path: "/guest-list", label: "Guest list" },
];

/** The pages of the API integration section; `current` is the page's path below /api. */
export function ApiTabs({ serviceId, current }: { serviceId: string; current: string }) {
  const base = `/services/${serviceId}/api`;
  return (
    <SectionTabs
      label="API integration"
      items={PAGES.map((page) => ({ href: `${base}${page.path}`, label: page.label }))}
      current={`${base}${current}`}
    />
  );
}
