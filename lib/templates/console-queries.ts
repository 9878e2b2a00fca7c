import "server-only";
import { db } from "@/lib/db";
import type { NotificationType } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/validation";
import { userEmails } from "./queries";

export type TemplateListItem = {
  id: string;
  name: string;
  type: NotificationType;
  folderId: string | null;
  updatedAt: Date;
};

/** A service's templates that are not archived, for the console's list: in one folder (or all), by name or content. */
export async function listTemplatesForConsole(
  serviceId: string,
  options: { folderId?: string | null; search?: string; type?: NotificationType },
): Promise<TemplateListItem[]> {
  const search = options.search?.trim();
  return db.template.findMany({
    where: {
      serviceId,
      archived: false,
      ...(options.type ? { type: options.type } : {}),
      ...(options.folderId !== undefined ? { folderId: options.folderId } : {}),
      ...(search
        ? {
            OR: [
              { name: { contains: search, mode: "insensitive" } },
              { content: { contains: search, mode: "insensitive" } },
            ],
          }
        : {}),
    },
    orderBy: { name: "asc" },
    select: { id: true, name: true, type: true, folderId: true, updatedAt: true },
    take: 500,
  });
}

export async function listTemplateFolders(
  serviceId: string,
): Promise<{ id: string; name: string; templateCount: number }[]> {
  const folders = await db.templateFolder.findMany({
    where: { serviceId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, _count: { select: { templates: { where: { archived: false } } } } },
  });
  return folders.map((folder) => ({ id: folder.id, name: folder.name, templateCount: folder._count.templates }));
}

/** The template as the console shows it, current version, with its folder; null for another service's. */
export async function findTemplateForConsole(serviceId: string, templateId: string) {
  if (!isUuid(templateId)) return null;
  return db.template.findFirst({
    where: { id: templateId, serviceId },
    select: {
      id: true,
      name: true,
      type: true,
      subject: true,
      content: true,
      version: true,
      archived: true,
      processType: true,
      folderId: true,
      updatedAt: true,
      folder: { select: { name: true } },
    },
  });
}

export type TemplateVersionView = {
  version: number;
  name: string;
  subject: string | null;
  content: string;
  archived: boolean;
  createdAt: Date;
  createdBy: string | null;
};

/** Every version of a template, newest first, with who saved it. */
export async function templateHistory(serviceId: string, templateId: string): Promise<TemplateVersionView[]> {
  if (!isUuid(templateId)) return [];
  const versions = await db.templateVersion.findMany({
    where: { serviceId, templateId },
    orderBy: { version: "desc" },
    select: {
      version: true,
      name: true,
      subject: true,
      content: true,
      archived: true,
      createdAt: true,
      createdById: true,
    },
  });
  const names = await userEmails(versions.map((version) => version.createdById));
  return versions.map(({ createdById, ...version }) => ({
    ...version,
    createdBy: createdById ? (names.get(createdById) ?? null) : null,
  }));
}

/** Templates of the other services this person belongs to, to copy from. */
export async function templatesToCopy(
  userId: string,
  intoServiceId: string,
): Promise<
  { serviceName: string; templates: { id: string; serviceId: string; name: string; type: NotificationType }[] }[]
> {
  const services = await db.service.findMany({
    where: { id: { not: intoServiceId }, active: true, members: { some: { userId } } },
    orderBy: { name: "asc" },
    select: {
      name: true,
      templates: {
        where: { archived: false },
        orderBy: { name: "asc" },
        select: { id: true, serviceId: true, name: true, type: true },
      },
    },
  });
  return services
    .filter((service) => service.templates.length > 0)
    .map((service) => ({ serviceName: service.name, templates: service.templates }));
}
