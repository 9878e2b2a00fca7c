import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { parseTemplate, templateInputSchema, type TemplateInput } from "./schemas";

/** Creates a template and its first version ("manage templates"). */
export async function createTemplate({ actor, serviceId, ...input }: ServiceWrite<TemplateInput>) {
  await requireServicePermission(actor, serviceId, "manage_templates");
  const template = parseTemplate(templateInputSchema, input);
  const subject = template.type === "email" ? (template.subject ?? null) : null;
  return db.$transaction(async (tx) => {
    if (
      template.folderId &&
      !(await tx.templateFolder.findFirst({ where: { id: template.folderId, serviceId }, select: { id: true } }))
    ) {
      throw new AppError("validation", "Choose a folder", { folderId: "Choose one of this service’s folders" });
    }
    const created = await tx.template.create({
      data: {
        serviceId,
        name: template.name,
        type: template.type,
        subject,
        content: template.content,
        processType: template.processType,
        folderId: template.folderId ?? null,
        updatedById: actor.userId,
      },
    });
    await tx.templateVersion.create({
      data: {
        templateId: created.id,
        version: 1,
        serviceId,
        name: created.name,
        type: created.type,
        subject,
        content: created.content,
        archived: false,
        processType: created.processType,
        createdById: actor.userId,
      },
    });
    await recordAuditEvent(tx, {
      action: "template.created",
      serviceId,
      userId: actor.userId,
      subjectType: "template",
      subjectId: created.id,
      details: { name: created.name, type: created.type },
    });
    return created;
  });
}
