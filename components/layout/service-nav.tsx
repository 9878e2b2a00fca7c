"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type ServiceNavItem = { href: string; label: string; within: string[] };

export function ServiceNav({ items }: { items: ServiceNavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Service" className="w-full md:w-48 md:shrink-0">
      <ul className="space-y-1">
        {items.map((item) => {
          const current =
            pathname === item.href ||
            (item.href.split("/").length > 3 && pathname.startsWith(`${item.href}/`)) ||
            item.within.some((path) => pathname.startsWith(`${path}/`));
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`block border-l-4 px-3 py-1 text-lg no-underline ${current ? "border-brand font-bold text-ink" : "border-transparent"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
