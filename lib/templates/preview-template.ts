import "server-only";
import { smsPrefixOf } from "./sms";
import { AppError, notFound } from "@/lib/errors";
import { missingPersonalisation, type Personalisation } from "./placeholders";
import { findCurrentTemplate } from "./queries";
import { renderEmail, renderSms } from "./render";

export type TemplatePreview = {
  templateId: string;
  type: "email" | "sms";
  version: number;
  subject: string | null;
  body: string;
  html: string | null;
};

/** The current version rendered with `personalisation`, as Notify's preview endpoint gives it. */
export async function previewTemplate(
  service: { id: string; name: string; prefixSms: boolean },
  templateId: string,
  personalisation: Personalisation,
): Promise<TemplatePreview> {
  const template = await findCurrentTemplate(service.id, templateId);
  if (!template) throw notFound("Template");
  const missing = missingPersonalisation([template.subject, template.content], personalisation);
  if (missing.length > 0) throw new AppError("bad_request", `Missing personalisation: ${missing.join(", ")}`);
  const common = { templateId: template.templateId, type: template.type, version: template.version };
  if (template.type === "email") {
    const rendered = renderEmail({ subject: template.subject ?? "", content: template.content }, personalisation);
    return { ...common, subject: rendered.subject, body: rendered.body, html: rendered.htmlBody };
  }
  const rendered = renderSms(template.content, personalisation, { prefix: smsPrefixOf(service) });
  return { ...common, subject: null, body: rendered.body, html: null };
}
