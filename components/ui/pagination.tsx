import Link from "next/link";

/** Previous and next links for a server-paginated list; nothing when there is one page. */
export function Pagination({
  previous,
  next,
  label,
  previousLabel = "Previous page",
}: {
  previous: string | null;
  next: string | null;
  label: string;
  previousLabel?: string;
}) {
  if (!previous && !next) return null;
  return (
    <nav aria-label={label} className="mt-4 flex justify-between text-lg">
      {previous ? <Link href={previous}>{previousLabel}</Link> : <span />}
      {next ? <Link href={next}>Next page</Link> : <span />}
    </nav>
  );
}
