import { describe, expect, it } from "vitest";
import { decryptSecret, deriveKey, encryptSecret, hashToken } from "./secrets";

process.env.SECRET_KEY = "unit-test-secret-key-0123456789abcdefghij";
process.env.DATABASE_URL = "postgresql://unused@127.0.0.1/unused";

describe("stored secrets", () => {
  it("round-trips and never stores the plaintext", () => {
    const stored = encryptSecret("6c4f9c1e-0000-4000-8000-000000000000");
    expect(stored).not.toContain("6c4f9c1e");
    expect(decryptSecret(stored)).toBe("6c4f9c1e-0000-4000-8000-000000000000");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same")).not.toBe(encryptSecret("same"));
  });

  it("refuses tampered ciphertext", () => {
    const [version, iv, ciphertext, tag] = encryptSecret("secret").split(".");
    const flipped = Buffer.from(ciphertext!, "base64url");
    flipped[0]! ^= 1;
    expect(() => decryptSecret([version, iv, flipped.toString("base64url"), tag].join("."))).toThrow();
  });

  it("derives different keys for different purposes and secrets", () => {
    expect(deriveKey("a", "k".repeat(32)).equals(deriveKey("b", "k".repeat(32)))).toBe(false);
    expect(deriveKey("a", "k".repeat(32)).equals(deriveKey("a", "j".repeat(32)))).toBe(false);
  });

  it("hashes tokens deterministically", () => {
    expect(hashToken("abc")).toBe(hashToken("abc"));
    expect(hashToken("abc")).toHaveLength(64);
  });
});
