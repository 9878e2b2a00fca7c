import { getTemplatesQuery, templatesResponse } from "@/lib/v2/schemas";
import { lookup, templateJson } from "@/lib/v2/serializers";
import { v2Route } from "@/lib/v2/route";
import { listCurrentTemplates, userEmails } from "@/lib/templates/queries";

// GET /v2/templates?type= – every template the service has not archived.
export const GET = v2Route(
  {
    docs: {
      operationId: "getTemplates",
      summary: "List templates",
      response: { status: 200, description: "Every template not archived", schema: templatesResponse },
    },
    query: getTemplatesQuery,
  },
  async ({ caller, query }) => {
    const templates = query.type === "letter" ? [] : await listCurrentTemplates(caller.service.id, query.type);
    const emails = await userEmails(templates.map((template) => template.createdById));
    return Response.json({
      templates: templates.map((template) => templateJson(template, lookup(emails, template.createdById))),
    });
  },
);
