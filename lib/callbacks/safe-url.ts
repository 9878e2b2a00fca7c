import "server-only";
import { BlockList, isIP } from "node:net";
import { config } from "@/lib/config";

/**
 * Callback URLs are chosen by service teams, so Tidings must not be turned against its own network:
 * only HTTPS, and never to private, loopback, link-local or otherwise special addresses, checked
 * both when the URL is saved and on every connection (so DNS cannot be switched afterwards).
 * CALLBACK_ALLOWED_PRIVATE_HOSTS lists hosts exempt from this (and allowed plain HTTP) for development.
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["::ffff:0:0", 96],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(network, prefix, "ipv6");

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6 && address.toLowerCase().startsWith("::ffff:")) {
    const mapped = address.slice(7);
    if (isIP(mapped) === 4) return blocked.check(mapped, "ipv4");
  }
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

export function isAllowedPrivateHost(hostname: string): boolean {
  return config().CALLBACK_ALLOWED_PRIVATE_HOSTS.includes(hostname.toLowerCase().replace(/^\[|\]$/g, ""));
}

/** Why a callback URL is unacceptable before any lookup, or null if its form is fine. */
export function callbackUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a URL in the correct format, like https://www.example.gov/notify-callback";
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const exempt = isAllowedPrivateHost(host);
  if (url.protocol !== "https:" && !(exempt && url.protocol === "http:")) return "The URL must start with https://";
  if (url.username || url.password) return "The URL must not contain a user name or password";
  if (!exempt && (host === "localhost" || host.endsWith(".localhost") || isPrivateAddress(host)))
    return "The URL must be on the public internet, not a private or local address";
  return null;
}
