import "server-only";
/** Notify's timestamp format, in API answers and callbacks: UTC with microseconds. */
export function timestamp(date: Date): string;
export function timestamp(date: Date | null): string | null;
export function timestamp(date: Date | null): string | null {
  return date ? date.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z") : null;
}
