import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { callbackUrlProblem, isAllowedPrivateHost, isPrivateAddress } from "./safe-url";

const CALLBACK_TIMEOUT_MS = 5000;

export type PostResult = { statusCode: number | null; error: string | null; durationMs: number };

/**
 * Refuses to connect when the name resolves to a private address, unless the host is allowed. The
 * connection is made to the addresses checked here, so a DNS answer that changes between the
 * check and the call cannot point it elsewhere.
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 4);
    const refused = !isAllowedPrivateHost(hostname) && addresses.some((address) => isPrivateAddress(address.address));
    if (refused)
      return callback(
        Object.assign(new Error(`${hostname} resolves to a private address`), { code: "EPRIVATE" }),
        "",
        4,
      );
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};

/**
 * POSTs JSON with a bearer token, a short timeout and no redirects (a 3xx is an answer, not a
 * direction); never throws. The URL is checked again first: an address given as an IP literal is
 * never looked up, so the lookup's check would not see it. `signedBy` makes the headers that sign
 * the exact body sent.
 */
export function postJson(
  url: string,
  bearerToken: string,
  payload: unknown,
  signedBy: (body: string) => Record<string, string> = () => ({}),
): Promise<PostResult> {
  const started = performance.now();
  const problem = callbackUrlProblem(url);
  if (problem) return Promise.resolve({ statusCode: null, error: problem, durationMs: 0 });
  const body = JSON.stringify(payload);
  const target = new URL(url);
  const transport = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const done = (statusCode: number | null, error: string | null) =>
      resolve({ statusCode, error, durationMs: Math.round(performance.now() - started) });
    const request = transport.request(
      target,
      {
        method: "POST",
        lookup: guardedLookup,
        timeout: CALLBACK_TIMEOUT_MS,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
          Authorization: `Bearer ${bearerToken}`,
          "User-Agent": "Tidings-Callbacks/1",
          ...signedBy(body),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => done(response.statusCode ?? null, null));
        response.on("error", (error) => done(response.statusCode ?? null, error.message));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no response within ${CALLBACK_TIMEOUT_MS / 1000} seconds`)));
    request.on("error", (error) => done(null, error.message));
    request.end(body);
  });
}
