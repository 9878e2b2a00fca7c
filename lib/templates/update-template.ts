import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { invalidateSettings } from "@/lib/cache/settings-cache";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { isUuid, parseInput } from "@/lib/validation";
import { parseTemplate, templateChangesSchema, type TemplateChanges } from "./schemas";

/**
 * Saves a new version of a template when anything changed (versions are never edited, so every
 * notification keeps pointing at exactly what it was sent with). Pass `archived: true` to archive.
 */
export async function updateTemplate({
  actor,
  serviceId,
  templateId,
  ...changes
}: ServiceWrite<TemplateChanges & { templateId: string; archived?: boolean }>) {
  await requireServicePermission(actor, serviceId, "manage_templates");
  if (!isUuid(templateId)) throw notFound("Template");
  const stored = await db.template.findFirst({ where: { id: templateId, serviceId }, select: { type: true } });
  if (!stored) throw notFound("Template");
  // Archiving keeps the content as it was, sendable or not.
  const parsed = changes.archived
    ? parseInput(templateChangesSchema, changes)
    : parseTemplate(templateChangesSchema, { ...changes, type: stored.type });
  const result = await db.$transaction(async (tx) => {
    // Locks the row: two people saving at once get consecutive versions, not the same one twice.
    const [current] = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM templates WHERE id = ${templateId}::uuid AND service_id = ${serviceId}::uuid FOR UPDATE`;
    if (!current) throw notFound("Template");
    const template = await tx.template.findUniqueOrThrow({ where: { id: templateId } });
    const next = {
      name: parsed.name,
      subject: template.type === "email" ? (parsed.subject ?? template.subject) : null,
      content: parsed.content,
      processType: parsed.processType ?? template.processType,
      archived: changes.archived ?? template.archived,
    };
    const unchanged = (Object.keys(next) as (keyof typeof next)[]).every((field) => next[field] === template[field]);
    if (unchanged) return template;
    const updated = await tx.template.update({
      where: { id: templateId },
      data: { ...next, version: template.version + 1, updatedById: actor.userId },
    });
    await tx.templateVersion.create({
      data: {
        templateId,
        version: updated.version,
        serviceId,
        name: next.name,
        type: template.type,
        subject: next.subject,
        content: next.content,
        archived: next.archived,
        processType: next.processType,
        createdById: actor.userId,
      },
    });
    await recordAuditEvent(tx, {
      action: next.archived && !template.archived ? "template.archived" : "template.updated",
      serviceId,
      userId: actor.userId,
      subjectType: "template",
      subjectId: templateId,
      details: { version: updated.version },
    });
    return updated;
  });
  invalidateSettings(serviceId);
  return result;
}
