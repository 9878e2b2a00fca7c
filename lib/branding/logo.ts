import "server-only";
import { AppError } from "@/lib/errors";

/** The largest logo accepted: a banner logo is shown 40 pixels high, so it never needs more. */
const LOGO_BYTE_LIMIT = 500_000;

/**
 * The content type of an uploaded logo, read from its first bytes (not its name): PNG or JPEG only.
 * SVG is refused, since an SVG can carry scripts and links.
 */
export function logoContentType(bytes: Buffer): "image/png" | "image/jpeg" {
  if (bytes.length > LOGO_BYTE_LIMIT)
    throw new AppError("validation", "The logo must be smaller than 500 KB", {
      logo: `The logo must be smaller than 500 KB (this one is ${Math.ceil(bytes.length / 1000).toLocaleString("en-GB")} KB)`,
    });
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  throw new AppError("validation", "The logo must be a PNG or JPEG image", {
    logo: "The logo must be a PNG or JPEG image",
  });
}
