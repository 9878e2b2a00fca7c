import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, isUniqueViolation } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { isUuid, parseInput } from "@/lib/validation";

const folderInput = z.object({
  name: z.string().trim().min(1, "Enter a folder name").max(100, "Folder name must be 100 characters or fewer"),
});

/** Creates a folder for a service's templates ("manage templates"). */
export async function createTemplateFolder({ actor, serviceId, ...input }: ServiceWrite<{ name: string }>) {
  await requireServicePermission(actor, serviceId, "manage_templates");
  const { name } = parseInput(folderInput, input);
  try {
    return await db.$transaction(async (tx) => {
      const folder = await tx.templateFolder.create({ data: { serviceId, name }, select: { id: true, name: true } });
      await recordAuditEvent(tx, {
        action: "template_folder.created",
        serviceId,
        userId: actor.userId,
        subjectType: "template_folder",
        subjectId: folder.id,
        details: { name },
      });
      return folder;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", "A folder with this name already exists", {
        name: "A folder with this name already exists. Choose another name.",
      });
    throw error;
  }
}

/** Moves a template into a folder of the same service, or out of any folder (null). Not a new version: folders only organise. */
export async function moveTemplateToFolder({
  actor,
  serviceId,
  templateId,
  folderId,
}: ServiceWrite<{ templateId: string; folderId: string | null }>): Promise<void> {
  await requireServicePermission(actor, serviceId, "manage_templates");
  if (!isUuid(templateId)) throw notFound("Template");
  if (
    folderId !== null &&
    !(
      isUuid(folderId) &&
      (await db.templateFolder.findFirst({ where: { id: folderId, serviceId }, select: { id: true } }))
    )
  ) {
    throw new AppError("validation", "Choose a folder", { folderId: "Choose one of this service’s folders" });
  }
  await db.$transaction(async (tx) => {
    const { count } = await tx.template.updateMany({ where: { id: templateId, serviceId }, data: { folderId } });
    if (count === 0) throw notFound("Template");
    await recordAuditEvent(tx, {
      action: "template.moved",
      serviceId,
      userId: actor.userId,
      subjectType: "template",
      subjectId: templateId,
      details: { folderId },
    });
  });
}
