import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";
import { updateTemplate } from "./update-template";

/** Archives a template (a new version marked archived): the API refuses it from then on, sent messages keep theirs. */
export async function archiveTemplate({
  actor,
  serviceId,
  templateId,
}: ServiceWrite<{ templateId: string }>): Promise<void> {
  await requireServicePermission(actor, serviceId, "manage_templates");
  const template = isUuid(templateId)
    ? await db.template.findFirst({
        where: { id: templateId, serviceId },
        select: { name: true, subject: true, content: true },
      })
    : null;
  if (!template) throw notFound("Template");
  await updateTemplate({ actor, serviceId, templateId, ...template, archived: true });
}
