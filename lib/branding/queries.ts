import "server-only";
import type { Readable } from "node:stream";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { objectStream } from "@/lib/storage/s3";
import type { EmailBrandingLook } from "@/lib/templates/email-branding";
import { isUuid } from "@/lib/validation";

export type EmailBrandingRow = {
  id: string;
  name: string;
  colour: string;
  logoUrl: string | null;
  serviceCount: number;
};

type StoredBranding = { id: string; name: string; colour: string; logoKey: string | null; updatedAt: Date };

/**
 * The logo's address: absolute under PUBLIC_URL in emails, the path alone in the console (so that the
 * page's own origin serves it). Its version is in the query, so a new logo is never served from a cache.
 */
function logoUrlOf(
  branding: Omit<StoredBranding, "name" | "colour">,
  where: "email" | "console" = "console",
): string | null {
  if (!branding.logoKey) return null;
  const path = `/branding/${branding.id}/logo?v=${branding.updatedAt.getTime()}`;
  return where === "email" ? `${config().publicUrl}${path}` : path;
}

/** A stored branding as the email renderer draws it. */
export function brandingLook(branding: StoredBranding, where: "email" | "console"): EmailBrandingLook {
  return { name: branding.name, colour: branding.colour, logoUrl: logoUrlOf(branding, where) };
}

/** Every choice of email branding, by name (for platform admins). */
export async function listEmailBrandings(): Promise<EmailBrandingRow[]> {
  const brandings = await db.emailBranding.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      colour: true,
      logoKey: true,
      updatedAt: true,
      _count: { select: { services: true } },
    },
  });
  return brandings.map((branding) => ({
    id: branding.id,
    name: branding.name,
    colour: branding.colour,
    logoUrl: logoUrlOf(branding),
    serviceCount: branding._count.services,
  }));
}

export async function findEmailBranding(brandingId: string): Promise<EmailBrandingRow | null> {
  if (!isUuid(brandingId)) return null;
  const branding = await db.emailBranding.findUnique({
    where: { id: brandingId },
    select: {
      id: true,
      name: true,
      colour: true,
      logoKey: true,
      updatedAt: true,
      _count: { select: { services: true } },
    },
  });
  return branding && { ...branding, logoUrl: logoUrlOf(branding), serviceCount: branding._count.services };
}

/** How the service's emails are branded (for a console preview), or null for the plain Tidings header. */
export async function emailBrandingOfService(serviceId: string): Promise<EmailBrandingLook | null> {
  const service = await db.service.findUnique({
    where: { id: serviceId },
    select: { emailBranding: { select: { id: true, name: true, colour: true, logoKey: true, updatedAt: true } } },
  });
  const branding = service?.emailBranding;
  return branding ? brandingLook(branding, "console") : null;
}

/** A branding's logo as stored, for the public route that serves it; null when it has none. */
export async function logoOfBranding(brandingId: string): Promise<{ body: Readable; contentType: string } | null> {
  if (!isUuid(brandingId)) return null;
  const branding = await db.emailBranding.findUnique({
    where: { id: brandingId },
    select: { logoKey: true, logoContentType: true },
  });
  if (!branding?.logoKey || !branding.logoContentType) return null;
  return { body: await objectStream("branding", branding.logoKey), contentType: branding.logoContentType };
}

/** The service's branding (null: none) and every branding it could have, for its settings. */
export async function emailBrandingChoicesOf(
  serviceId: string,
): Promise<{ currentId: string | null; choices: EmailBrandingRow[] }> {
  const [service, choices] = await Promise.all([
    db.service.findUnique({ where: { id: serviceId }, select: { emailBrandingId: true } }),
    listEmailBrandings(),
  ]);
  return { currentId: service?.emailBrandingId ?? null, choices };
}
