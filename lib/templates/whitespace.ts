/** Unix newlines, no trailing spaces, no runs of blank lines, nothing at either end. */
export function normaliseBody(text: string): string {
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
