/** What normaliseBody changes beyond the text's ends (trailing spaces, where it ends, are trimmed anyway). */
const NEEDS_NORMALISING = /\r|[ \t]\n|\n\n\n/;

/** Unix newlines, no trailing spaces, no runs of blank lines, nothing at either end. */
export function normaliseBody(text: string): string {
  // Most messages need only trimming: spare them the split (a bulk send's check does this on every row).
  if (!NEEDS_NORMALISING.test(text)) return text.trim();
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t]+$/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Subjects are one line. */
export function normaliseSubject(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
