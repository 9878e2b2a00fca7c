import Link from "next/link";

export type SummaryRow = { key: string; value: React.ReactNode };

/**
 * GOV.UK's summary list: a section's settings as key and value, with one "Change" link for the
 * section (its label says which section, for screen readers).
 */
export function SummaryList({
  title,
  rows,
  change,
}: {
  title: string;
  rows: SummaryRow[];
  change?: { href: string; label: string } | null;
}) {
  const id = `summary-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section className="mb-8" aria-labelledby={id}>
      <div className="mb-2 flex items-baseline justify-between gap-4 border-b-2 border-line pb-2">
        <h2 id={id} className="text-2xl font-bold">
          {title}
        </h2>
        {change && (
          <Link href={change.href} className="text-lg">
            Change<span className="sr-only"> {change.label}</span>
          </Link>
        )}
      </div>
      <dl>
        {rows.map((row) => (
          <div key={row.key} className="grid grid-cols-1 gap-1 border-b border-line py-2 sm:grid-cols-[1fr_2fr]">
            <dt className="font-bold">{row.key}</dt>
            <dd className="break-words">{row.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
