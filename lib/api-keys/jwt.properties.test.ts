import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeToken, hasValidSignature, signToken } from "./jwt";

const secret = fc.string({ minLength: 1, maxLength: 64 });
const claims = fc.record({
  iss: fc.oneof(fc.uuid(), fc.string(), fc.integer()),
  iat: fc.oneof(fc.integer(), fc.string()),
});
const base64urlPart = fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/);
// Tokens as they arrive in an Authorization header: anything, or three parts that look right.
const anyToken = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.tuple(base64urlPart, base64urlPart, base64urlPart).map((parts) => parts.join(".")),
  fc.tuple(fc.jsonValue(), fc.jsonValue(), fc.string()).map(([header, body, signature]) =>
    [JSON.stringify(header), JSON.stringify(body) ?? ""]
      .map((part) => Buffer.from(part ?? "").toString("base64url"))
      .concat(signature)
      .join("."),
  ),
);

describe("API tokens, for any input", () => {
  it("decode to null or a token, never throwing, and a forged one never has a valid signature", () => {
    fc.assert(
      fc.property(anyToken, secret, (token, key) => {
        const decoded = decodeToken(token);
        if (decoded === null) return;
        expect(typeof decoded.claims).toBe("object");
        expect(hasValidSignature(decoded, key)).toBe(false);
      }),
    );
  });

  it("verify what was signed with the same secret, and nothing once a signed part is changed", () => {
    fc.assert(
      fc.property(claims, secret, secret, fc.nat(), (payload, key, otherKey, position) => {
        const token = signToken(payload, key);
        const decoded = decodeToken(token)!;
        expect(decoded.claims).toEqual(payload);
        expect(hasValidSignature(decoded, key)).toBe(true);
        if (otherKey !== key) expect(hasValidSignature(decoded, otherKey)).toBe(false);
        // Change one character of the header or claims.
        const signedLength = decoded.signingInput.length;
        const index = position % signedLength;
        if (token[index] === ".") return;
        const changed = token.slice(0, index) + (token[index] === "A" ? "B" : "A") + token.slice(index + 1);
        const tampered = decodeToken(changed);
        if (tampered) expect(hasValidSignature(tampered, key)).toBe(false);
      }),
    );
  });
});
