import "server-only";

/** "1 notification", "12,403 notifications": counts in the summaries of scheduled runs. */
export function count(value: number, singular: string, plural = `${singular}s`): string {
  return `${value.toLocaleString("en-GB")} ${value === 1 ? singular : plural}`;
}
