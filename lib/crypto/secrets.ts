import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";

/**
 * A key for one purpose, derived from SECRET_KEY so that operators manage a single secret.
 * @internal Exported for its tests.
 */
export function deriveKey(purpose: string, secretKey: string = config().SECRET_KEY): Buffer {
  return Buffer.from(hkdfSync("sha256", secretKey, "tidings", purpose, 32));
}

/**
 * The key for a purpose from SECRET_KEY, then from SECRET_KEY_PREVIOUS while a rotation is under
 * way: new values are made with the first, and anything made with either is still accepted.
 */
export function deriveKeys(purpose: string): Buffer[] {
  const { SECRET_KEY, SECRET_KEY_PREVIOUS } = config();
  return [SECRET_KEY, ...(SECRET_KEY_PREVIOUS ? [SECRET_KEY_PREVIOUS] : [])].map((key) => deriveKey(purpose, key));
}

const ENCRYPTION_PURPOSE = "stored-secrets";
const VERSION = "v1";

/** AES-256-GCM; the result is `v1.<iv>.<ciphertext>.<tag>` in base64url. */
export function encryptSecret(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(ENCRYPTION_PURPOSE), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The secret, and whether it was encrypted with the current SECRET_KEY (rather than the previous one). */
export function openSecret(stored: string): { plaintext: string; current: boolean } {
  const [version, iv, ciphertext, tag] = stored.split(".");
  if (version !== VERSION || !iv || !ciphertext || !tag) throw new Error("Unrecognised encrypted secret");
  const keys = deriveKeys(ENCRYPTION_PURPOSE);
  for (const [index, key] of keys.entries()) {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    try {
      const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
      return { plaintext: plaintext.toString("utf8"), current: index === 0 };
    } catch {
      // GCM's tag did not match this key: try the next.
    }
  }
  throw new Error("The secret was encrypted with neither SECRET_KEY nor SECRET_KEY_PREVIOUS");
}

export function decryptSecret(stored: string): string {
  return openSecret(stored).plaintext;
}

/** A random token for links and one-time use, URL-safe. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Tokens with 256 bits of entropy need no slow hash: SHA-256 is enough to keep them out of the database. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
