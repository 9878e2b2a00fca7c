import "server-only";
import { cachedSetting } from "@/lib/cache/settings-cache";
import { db } from "@/lib/db";
import type { NotificationType } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/validation";

const TEMPLATE_VERSION_FIELDS = {
  templateId: true,
  version: true,
  serviceId: true,
  name: true,
  type: true,
  subject: true,
  content: true,
  archived: true,
  processType: true,
  createdAt: true,
  createdById: true,
} as const;

export type TemplateVersionRecord = {
  templateId: string;
  version: number;
  serviceId: string;
  name: string;
  type: NotificationType;
  subject: string | null;
  content: string;
  archived: boolean;
  processType: "normal" | "priority";
  createdAt: Date;
  createdById: string | null;
};

/** The current version of a service's template, or null (ids of other services' templates included). */
export async function findCurrentTemplate(
  serviceId: string,
  templateId: string,
): Promise<(TemplateVersionRecord & { updatedAt: Date; firstCreatedAt: Date }) | null> {
  if (!isUuid(templateId)) return null;
  return cachedSetting(`${serviceId}:template:${templateId}`, async () => {
    const template = await db.template.findFirst({
      where: { id: templateId, serviceId },
      select: { version: true, createdAt: true, updatedAt: true },
    });
    if (!template) return null;
    const version = await findTemplateVersion(serviceId, templateId, template.version);
    return version && { ...version, updatedAt: template.updatedAt, firstCreatedAt: template.createdAt };
  });
}

export async function findTemplateVersion(
  serviceId: string,
  templateId: string,
  version: number,
): Promise<TemplateVersionRecord | null> {
  if (!isUuid(templateId) || !Number.isSafeInteger(version)) return null;
  return db.templateVersion.findFirst({ where: { templateId, version, serviceId }, select: TEMPLATE_VERSION_FIELDS });
}

/** Current versions of a service's templates that are not archived, newest first. */
export async function listCurrentTemplates(
  serviceId: string,
  type?: NotificationType,
): Promise<(TemplateVersionRecord & { updatedAt: Date; firstCreatedAt: Date })[]> {
  const templates = await db.template.findMany({
    where: { serviceId, archived: false, ...(type ? { type } : {}) },
    orderBy: { createdAt: "desc" },
    select: { id: true, version: true, createdAt: true, updatedAt: true },
  });
  if (templates.length === 0) return [];
  const versions = await db.templateVersion.findMany({
    where: { OR: templates.map((template) => ({ templateId: template.id, version: template.version })) },
    select: TEMPLATE_VERSION_FIELDS,
  });
  const byId = new Map(versions.map((version) => [version.templateId, version]));
  return templates.flatMap((template) => {
    const version = byId.get(template.id);
    return version ? [{ ...version, updatedAt: template.updatedAt, firstCreatedAt: template.createdAt }] : [];
  });
}

/** Emails of the people who saved versions, for Notify's `created_by`. */
export async function userEmails(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, email: true } });
  return new Map(users.map((user) => [user.id, user.email]));
}
