import { templateIdParams } from "@/lib/v2/params";
import { lookup, templateJson } from "@/lib/v2/serializers";
import { notFound } from "@/lib/errors";
import { v2Route } from "@/lib/v2/route";
import { templateResponse } from "@/lib/v2/schemas";
import { findCurrentTemplate, userEmails } from "@/lib/templates/queries";

// GET /v2/template/{id} – the template's latest version.
export const GET = v2Route(
  {
    docs: {
      operationId: "getTemplate",
      summary: "Get a template's latest version",
      response: { status: 200, description: "The template", schema: templateResponse },
      pathParams: { templateId: { description: "The template's id", type: "uuid" } },
      canBeNotFound: true,
    },
    params: templateIdParams,
  },
  async ({ caller, params }) => {
    const template = await findCurrentTemplate(caller.service.id, params.id);
    if (!template) throw notFound("Template");
    const emails = await userEmails([template.createdById]);
    return Response.json(templateJson(template, lookup(emails, template.createdById)));
  },
);
