import { Readable } from "node:stream";
import { logoOfBranding } from "@/lib/branding/queries";

// GET /branding/{id}/logo – a branding's logo, public because emails show it. Its address carries the
// logo's version (?v=), so it is cached for a year; a new logo gets a new address.
export async function GET(_request: Request, { params }: { params: Promise<{ brandingId: string }> }) {
  const { brandingId } = await params;
  const logo = await logoOfBranding(brandingId);
  if (!logo) return new Response("No such logo.", { status: 404, headers: { "Content-Type": "text/plain" } });
  return new Response(Readable.toWeb(logo.body) as ReadableStream, {
    headers: {
      "Content-Type": logo.contentType,
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}
