import "server-only";
// An oversized body is still read (and thrown away) up to this much, so the client gets its 400
// instead of a reset connection; beyond it the connection is cut.
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

const heldBodies = new WeakMap<Request, Buffer>();

/**
 * For a server that read a small body whole before making its Request (scripts/route-dispatcher.ts): a body
 * handed over as bytes costs far less than one wrapped in a web stream and read back.
 */
export function holdBody(request: Request, body: Buffer): void {
  heldBodies.set(request, body);
}

/** A request's body as text, or null if it is larger than `limit` bytes. */
export async function readLimitedText(request: Request, limit: number): Promise<string | null> {
  const held = heldBodies.get(request);
  if (held) return held.byteLength > limit ? null : held.toString("utf8");
  if (Number(request.headers.get("content-length") ?? 0) > DRAIN_LIMIT_BYTES) return null;
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > DRAIN_LIMIT_BYTES) {
      await reader.cancel();
      return null;
    }
    if (size <= limit) chunks.push(value);
  }
  return size > limit ? null : Buffer.concat(chunks).toString("utf8");
}
