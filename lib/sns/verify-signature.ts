import "server-only";
import { verify, type KeyObject } from "node:crypto";
import { stringToSign, type SnsEnvelope } from "./envelope";

const ALGORITHMS = { "1": "sha1", "2": "sha256" } as const;

/** True if the envelope was signed by the holder of `publicKey` (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA). */
export function hasValidSnsSignature(envelope: SnsEnvelope, publicKey: KeyObject): boolean {
  const signature = Buffer.from(envelope.Signature, "base64");
  if (signature.length === 0) return false;
  try {
    return verify(
      ALGORITHMS[envelope.SignatureVersion],
      Buffer.from(stringToSign(envelope), "utf8"),
      publicKey,
      signature,
    );
  } catch {
    return false;
  }
}
