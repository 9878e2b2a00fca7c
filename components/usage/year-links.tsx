import Link from "next/link";

/** Links to the financial years around the one shown (1 April to 31 March). */
export function YearLinks({ base, year, current }: { base: string; year: number; current: number }) {
  const years = [current - 2, current - 1, current];
  return (
    <nav aria-label="Financial years" className="mb-6">
      <ul className="flex flex-wrap gap-6 text-lg">
        {years.map((option) => (
          <li key={option}>
            <Link
              href={`${base}?year=${option}`}
              aria-current={option === year ? "page" : undefined}
              className={option === year ? "font-bold text-ink no-underline" : ""}
            >
              April {option} to March {option + 1}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The year asked for in the address, if it is a sensible one, else the current financial year. */
export function yearFrom(value: string | undefined, current: number): number {
  const year = Number(value);
  return Number.isInteger(year) && year >= 2000 && year <= current ? year : current;
}

/** "2026-05" as "May 2026". */
export const monthName = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
