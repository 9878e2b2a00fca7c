import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { updateTemplate } from "./update-template";

/** Archives a template (a new version marked archived): the API refuses it from then on, sent messages keep theirs. */
export async function archiveTemplate(serviceId: string, templateId: string, actor: { userId: string }): Promise<void> {
  const template = isUuid(templateId)
    ? await db.template.findFirst({
        where: { id: templateId, serviceId },
        select: { name: true, subject: true, content: true },
      })
    : null;
  if (!template) throw notFound("Template");
  await updateTemplate(serviceId, templateId, { ...template, archived: true }, actor);
}
