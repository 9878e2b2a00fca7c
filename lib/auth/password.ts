import "server-only";
import { randomBytes, scrypt as scryptCallback, type ScryptOptions } from "node:crypto";
import { promisify } from "node:util";
import { safeEqual } from "@/lib/crypto/secrets";

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: ScryptOptions,
) => Promise<Buffer>;

// One of OWASP's equivalent scrypt settings (N=2^15, r=8, p=3): 32 MiB per hash rather than the
// 128 MiB of N=2^17, so a burst of sign-in attempts cannot exhaust memory.
const PARAMETERS = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 64;
const maxmem = (parameters: { N: number; r: number }) => 128 * parameters.N * parameters.r * 2;

export const MIN_PASSWORD_LENGTH = 10;

/** `scrypt$N$r$p$salt$hash`, so the cost can rise later without breaking stored hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, {
    ...PARAMETERS,
    maxmem: maxmem(PARAMETERS),
  });
  return [
    "scrypt",
    PARAMETERS.N,
    PARAMETERS.r,
    PARAMETERS.p,
    salt.toString("base64url"),
    hash.toString("base64url"),
  ].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, expected] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !expected) return false;
  const parameters = { N: Number(n), r: Number(r), p: Number(p) };
  const hash = await scrypt(password.normalize("NFKC"), Buffer.from(salt, "base64url"), KEY_LENGTH, {
    ...parameters,
    maxmem: maxmem(parameters),
  });
  return safeEqual(hash.toString("base64url"), expected);
}

// Compared against when the email is unknown, so a miss costs as long as a wrong password.
let decoyHash: Promise<string> | undefined;
export function passwordDecoy(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return decoyHash;
}
