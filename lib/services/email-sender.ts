import "server-only";
/** The local part of a service's sender address, from its name: "Council Tax" → "council.tax". */
export function emailLocalPartFromName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.+|\.+$/g, "")
    .slice(0, 48);
  return slug || "service";
}
