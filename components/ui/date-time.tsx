/** A moment as the console shows it: UTC, to the minute, with the exact instant for machines. */
export function DateTime({ value }: { value: Date }) {
  return <time dateTime={value.toISOString()}>{value.toISOString().slice(0, 16).replace("T", " ")}</time>;
}
