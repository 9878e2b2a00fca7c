import { templateIdParams } from "@/lib/v2/params";
import { lookup, templateJson } from "@/lib/v2/serializers";
import { notFound } from "@/lib/errors";
import { v2Route } from "@/lib/v2/route";
import { findCurrentTemplate, userEmails } from "@/lib/templates/queries";

// GET /v2/template/{id} – the template's latest version.
export const GET = v2Route({ params: templateIdParams }, async ({ caller, params }) => {
  const template = await findCurrentTemplate(caller.service.id, params.id);
  if (!template) throw notFound("Template");
  const emails = await userEmails([template.createdById]);
  return Response.json(templateJson(template, lookup(emails, template.createdById)));
});
