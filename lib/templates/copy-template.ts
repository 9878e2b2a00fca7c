import "server-only";
import { notFound } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { createTemplate } from "./create-template";
import { findCurrentTemplate } from "./queries";

/**
 * Copies another service's template into this one as a new template ("Copy of …"). The person
 * needs to see the source (membership of its service) and manage templates here.
 */
export async function copyTemplate({
  actor,
  serviceId,
  fromServiceId,
  templateId,
}: ServiceWrite<{ fromServiceId: string; templateId: string }>) {
  await requireServicePermission(actor, serviceId, "manage_templates");
  await requireServicePermission(actor, fromServiceId);
  const source = await findCurrentTemplate(fromServiceId, templateId);
  if (!source || source.archived) throw notFound("Template");
  return createTemplate({
    actor,
    serviceId,
    name: `Copy of ${source.name}`.slice(0, 255),
    type: source.type,
    subject: source.subject,
    content: source.content,
    processType: source.processType,
  });
}
