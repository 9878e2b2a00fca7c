import "server-only";
import { lookup } from "node:dns/promises";
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
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(network, prefix, "ipv6");

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:127.0.0.1`, `::ffff:7f00:1`), or null. */
function mappedIpv4(address: string): string | null {
  // The URL parser writes every IPv6 address in one canonical form: mapped ones as ::ffff:hhhh:hhhh.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return null;
  const [high, low] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return blocked.check(address, "ipv4");
  // Checked as the IPv4 address it stands for: a mapped address reaches that host.
  const ipv4 = mappedIpv4(address);
  return ipv4 ? blocked.check(ipv4, "ipv4") : blocked.check(address, "ipv6");
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
  // A trailing dot names the same host ("localhost." is localhost).
  const host = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  const exempt = isAllowedPrivateHost(host);
  if (url.protocol !== "https:" && !(exempt && url.protocol === "http:")) return "The URL must start with https://";
  if (url.username || url.password) return "The URL must not contain a user name or password";
  if (!exempt && (host === "localhost" || host.endsWith(".localhost") || isPrivateAddress(host)))
    return PRIVATE_PROBLEM;
  return null;
}

const PRIVATE_PROBLEM = "The URL must be on the public internet, not a private or local address";

/**
 * Why a callback URL is unacceptable once its host name is looked up (it resolves to a private,
 * loopback, link-local or unspecified address), or null. For saving: a name that does not resolve
 * now is let through, because every call checks the addresses it connects to (post-json.ts).
 */
export async function resolvedCallbackUrlProblem(value: string): Promise<string | null> {
  const host = new URL(value).hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) || isAllowedPrivateHost(host)) return null;
  const addresses = await lookup(host, { all: true }).catch(() => []);
  return addresses.some(({ address }) => isPrivateAddress(address)) ? PRIVATE_PROBLEM : null;
}
