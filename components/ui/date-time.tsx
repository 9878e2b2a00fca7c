type Precision = "day" | "minute" | "second";

const LENGTH: Record<Precision, number> = { day: 10, minute: 16, second: 19 };

/** A moment as the console writes it: UTC, to the day, minute or second. */
export function formatDateTime(value: Date, precision: Precision = "minute"): string {
  return value.toISOString().slice(0, LENGTH[precision]).replace("T", " ");
}

/** A moment as the console shows it (see formatDateTime), with the exact instant for machines. */
export function DateTime({ value, precision = "minute" }: { value: Date; precision?: Precision }) {
  return <time dateTime={value.toISOString()}>{formatDateTime(value, precision)}</time>;
}
