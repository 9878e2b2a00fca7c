import "server-only";
/**
 * The key a user copies, in GOV.UK Notify's shape `{key_name}-{service_id}-{secret}`. The
 * official clients read the service id and secret from its last 73 characters, so the name part
 * may hold anything; Notify makes it "email safe" and so do we.
 */
export function formatApiKey(name: string, serviceId: string, secret: string): string {
  return `${emailSafe(name)}-${serviceId}-${secret}`;
}

/** @internal Exported for its tests. */
export function parseApiKey(key: string): { serviceId: string; secret: string } | null {
  if (key.length < 73) return null;
  const serviceId = key.slice(-73, -37);
  const secret = key.slice(-36);
  return key.at(-37) === "-" ? { serviceId, secret } : null;
}

function emailSafe(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim()
    .replace(/\s+/g, "_")
    .replace(/[^a-z0-9._-]/g, "")
    .replace(/_{2,}/g, "_");
}
