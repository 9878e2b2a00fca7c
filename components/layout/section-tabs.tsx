import Link from "next/link";

/** Links between the pages of one console section; the current one is marked for screen readers. */
export function SectionTabs({
  label,
  items,
  current,
}: {
  label: string;
  items: { href: string; label: string }[];
  current: string;
}) {
  return (
    <nav aria-label={label} className="mb-6 border-b border-line">
      <ul className="flex flex-wrap gap-6 text-lg">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={item.href === current ? "page" : undefined}
              className={`inline-block pb-2 ${item.href === current ? "border-b-4 border-brand font-bold text-ink no-underline" : ""}`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
