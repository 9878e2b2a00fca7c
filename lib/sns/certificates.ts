import "server-only";
import { X509Certificate, type KeyObject } from "node:crypto";

const FETCH_TIMEOUT_MS = 5_000;
const MAX_CERTIFICATE_BYTES = 16 * 1024;
const MAX_CACHED = 100;

export type CertificateFetcher = (url: string) => Promise<string>;

/** Downloads a PEM certificate with a short timeout and a size cap. */
export const fetchCertificate: CertificateFetcher = async (url) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "error" });
  if (!response.ok || !response.body) throw new Error(`certificate request answered ${response.status}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > MAX_CERTIFICATE_BYTES) {
      await reader.cancel();
      throw new Error("certificate is too large");
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString("utf8");
};

const cache = new Map<string, Promise<KeyObject>>();

/**
 * The public key of the certificate at `url`, fetched once and kept: SNS signs with a handful of
 * certificates that change rarely. A failed fetch is not kept.
 */
export function signingKeyAt(url: string, fetcher: CertificateFetcher = fetchCertificate): Promise<KeyObject> {
  let key = cache.get(url);
  if (!key) {
    if (cache.size >= MAX_CACHED) cache.clear();
    key = fetcher(url).then((pem) => {
      const certificate = new X509Certificate(pem);
      if (new Date(certificate.validTo).getTime() < Date.now()) throw new Error("certificate has expired");
      return certificate.publicKey;
    });
    cache.set(url, key);
    key.catch(() => cache.delete(url));
  }
  return key;
}
