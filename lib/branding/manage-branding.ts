import "server-only";
import { v7 as uuidv7 } from "uuid";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { requirePlatformAdmin, type PlatformWrite } from "@/lib/permissions";
import { deleteObject, putObject } from "@/lib/storage/s3";
import { BRANDING_COLOUR } from "@/lib/templates/email-branding";
import { isUuid } from "@/lib/validation";
import { logoContentType } from "./logo";

type BrandingFields = {
  name: string;
  colour: string;
  /** The uploaded logo's bytes; null keeps the current one (a new branding then has none). */
  logo: Buffer | null;
};

/** The fields checked all at once, each error beside its field. */
function checkedFields({ name, colour, logo }: BrandingFields) {
  const errors: Record<string, string> = {};
  const trimmedName = name.trim();
  if (!trimmedName) errors.name = "Enter a name for the branding";
  else if (trimmedName.length > 255) errors.name = "The name must be 255 characters or fewer";
  const trimmedColour = colour.trim().toLowerCase();
  if (!BRANDING_COLOUR.test(trimmedColour)) errors.colour = "Enter the colour as a hex code, like #1d70b8";
  let contentType: string | null = null;
  if (logo) {
    try {
      contentType = logoContentType(logo);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      errors.logo = error.fieldErrors.logo ?? error.message;
    }
  }
  if (Object.keys(errors).length > 0) throw new AppError("validation", Object.values(errors)[0]!, errors);
  return { name: trimmedName, colour: trimmedColour, contentType };
}

async function refuseTakenName(name: string, exceptId?: string): Promise<void> {
  const taken = await db.emailBranding.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken)
    throw new AppError("conflict", "There is already a branding with this name", {
      name: "There is already a branding with this name",
    });
}

async function storeLogo(brandingId: string, logo: Buffer, contentType: string): Promise<string> {
  const key = `email/${brandingId}/${uuidv7()}`;
  await putObject({ bucket: "branding", key, body: logo, contentType });
  return key;
}

/** Adds a choice of email branding (name, #rrggbb colour, optional PNG or JPEG logo). Platform admins only. */
export async function createEmailBranding({ actor, ...fields }: PlatformWrite<BrandingFields>): Promise<string> {
  requirePlatformAdmin(actor);
  const checked = checkedFields(fields);
  await refuseTakenName(checked.name);
  const id = uuidv7();
  const logoKey = fields.logo && checked.contentType ? await storeLogo(id, fields.logo, checked.contentType) : null;
  await db.$transaction(async (tx) => {
    await tx.emailBranding.create({
      data: { id, name: checked.name, colour: checked.colour, logoKey, logoContentType: checked.contentType },
    });
    await recordAuditEvent(tx, {
      action: "email_branding.created",
      userId: actor.userId,
      subjectType: "email_branding",
      subjectId: id,
      details: { name: checked.name },
    });
  });
  return id;
}

/** Changes a branding's name, colour or logo; every service using it changes with it. Platform admins only. */
export async function updateEmailBranding({
  actor,
  brandingId,
  ...fields
}: PlatformWrite<BrandingFields & { brandingId: string }>): Promise<void> {
  requirePlatformAdmin(actor);
  const existing = isUuid(brandingId)
    ? await db.emailBranding.findUnique({ where: { id: brandingId }, select: { logoKey: true } })
    : null;
  if (!existing) throw notFound("Branding");
  const checked = checkedFields(fields);
  await refuseTakenName(checked.name, brandingId);
  const logoKey =
    fields.logo && checked.contentType ? await storeLogo(brandingId, fields.logo, checked.contentType) : null;
  await db.$transaction(async (tx) => {
    await tx.emailBranding.update({
      where: { id: brandingId },
      data: {
        name: checked.name,
        colour: checked.colour,
        ...(logoKey ? { logoKey, logoContentType: checked.contentType } : {}),
      },
    });
    await recordAuditEvent(tx, {
      action: "email_branding.updated",
      userId: actor.userId,
      subjectType: "email_branding",
      subjectId: brandingId,
      details: { name: checked.name },
    });
  });
  // The old logo goes once nothing points at it (sent emails then show the new one).
  if (logoKey && existing.logoKey) await deleteObject("branding", existing.logoKey).catch(() => undefined);
}

/**
 * Gives the service a branding for its emails, or none (`brandingId` null: the plain header). Platform
 * admins only, as in Notify.
 */
export async function setServiceEmailBranding({
  actor,
  serviceId,
  brandingId,
}: PlatformWrite<{ serviceId: string; brandingId: string | null }>): Promise<void> {
  requirePlatformAdmin(actor);
  if (!isUuid(serviceId) || !(await db.service.findUnique({ where: { id: serviceId }, select: { id: true } })))
    throw notFound("Service");
  const branding =
    brandingId === null
      ? null
      : isUuid(brandingId)
        ? await db.emailBranding.findUnique({ where: { id: brandingId }, select: { id: true, name: true } })
        : null;
  if (brandingId !== null && !branding)
    throw new AppError("validation", "Choose a branding from the list", {
      brandingId: "Choose a branding from the list",
    });
  await db.$transaction(async (tx) => {
    await tx.service.update({ where: { id: serviceId }, data: { emailBrandingId: branding?.id ?? null } });
    await recordAuditEvent(tx, {
      action: "email_branding.assigned",
      serviceId,
      userId: actor.userId,
      subjectType: "email_branding",
      ...(branding ? { subjectId: branding.id } : {}),
      details: { name: branding?.name ?? null },
    });
  });
}
