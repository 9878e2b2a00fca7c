import type { ReactNode } from "react";

/** One column of a Table: its header and what each row shows in it. */
export type Column<Row> = {
  header: string;
  /** Read by screen readers only: for a column whose cells say what they are, such as "Revoke" links. */
  hideHeader?: boolean;
  cell: (row: Row) => ReactNode;
  /** Figures line up on the right, each digit the same width. */
  numeric?: boolean;
  /** For the column's cells, e.g. "whitespace-nowrap" for dates or "break-all" for addresses. */
  className?: string;
};

/**
 * Rows as the console shows them: a caption, a header row and a rule under each row. With no rows it
 * shows `empty`, a sentence for people, instead of a table with only headers. A column given as
 * `false` is left out, for columns only some people see.
 */
export function Table<Row>({
  caption,
  hideCaption = false,
  columns,
  rows,
  rowKey,
  empty,
  className = "",
}: {
  caption: string;
  /** Read by screen readers only: when a heading beside the table already says what it holds. */
  hideCaption?: boolean;
  columns: (Column<Row> | false)[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Shown in place of the table when there are no rows; null shows nothing at all. */
  empty: ReactNode;
  /** Spacing around the table, or around the empty state in its place, e.g. "mb-10". */
  className?: string;
}) {
  if (rows.length === 0) return empty === null ? null : <p className={`text-lg text-muted ${className}`}>{empty}</p>;
  const shown = columns.filter((column) => column !== false);
  return (
    <table className={`w-full text-left ${className}`}>
      <caption className={hideCaption ? "sr-only" : "mb-2 text-left font-bold"}>{caption}</caption>
      <thead className="border-b border-line">
        <tr>
          {shown.map((column) => (
            <th key={column.header} scope="col" className={cellClasses(column)}>
              {column.hideHeader ? <span className="sr-only">{column.header}</span> : column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className="border-b border-line align-top">
            {shown.map((column) => (
              <td key={column.header} className={`${cellClasses(column)} ${column.className ?? ""}`}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const cellClasses = (column: Column<never>) => `py-2 pr-4 last:pr-0 ${column.numeric ? "text-right tabular-nums" : ""}`;
