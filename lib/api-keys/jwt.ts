import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/** The parts of a GOV.UK Notify client token we read. Tokens carry no other claims. */
type TokenClaims = { iss?: unknown; iat?: unknown };
export type DecodedToken = { header: { alg?: unknown }; claims: TokenClaims; signingInput: string; signature: Buffer };

function decodeJson(part: string): unknown {
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
}

/** Splits and parses a JWT without verifying it; null when it is not a well-formed JWT at all. */
export function decodeToken(token: string): DecodedToken | null {
  const parts = token.trim().split(".");
  if (parts.length !== 3) return null;
  const [header, claims, signature] = parts as [string, string, string];
  try {
    const parsedHeader = decodeJson(header);
    const parsedClaims = decodeJson(claims);
    if (
      typeof parsedHeader !== "object" ||
      parsedHeader === null ||
      typeof parsedClaims !== "object" ||
      parsedClaims === null
    )
      return null;
    return {
      header: parsedHeader as DecodedToken["header"],
      claims: parsedClaims as TokenClaims,
      signingInput: `${header}.${claims}`,
      signature: Buffer.from(signature, "base64url"),
    };
  } catch {
    return null;
  }
}

/** HS256: HMAC-SHA256 of `header.claims` with the API key's secret, compared in constant time. */
export function hasValidSignature(token: DecodedToken, secret: string): boolean {
  const expected = createHmac("sha256", secret).update(token.signingInput).digest();
  return expected.length === token.signature.length && timingSafeEqual(expected, token.signature);
}

/**
 * Test helper and documentation of the format: what the official clients send.
 * @internal Exported for the tests and benchmarks, which sign as Notify's clients do.
 */
export function signToken(
  claims: TokenClaims,
  secret: string,
  header: Record<string, unknown> = { typ: "JWT", alg: "HS256" },
): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const signingInput = `${encode(header)}.${encode(claims)}`;
  return `${signingInput}.${createHmac("sha256", secret).update(signingInput).digest("base64url")}`;
}
