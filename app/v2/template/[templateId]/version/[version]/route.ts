import { templateVersionParams } from "@/lib/v2/params";
import { lookup, templateJson } from "@/lib/v2/serializers";
import { notFound } from "@/lib/errors";
import { v2Route } from "@/lib/v2/route";
import { templateResponse } from "@/lib/v2/schemas";
import { findCurrentTemplate, findTemplateVersion, userEmails } from "@/lib/templates/queries";

// GET /v2/template/{id}/version/{version} – one version of a template, as it was.
export const GET = v2Route(
  {
    docs: {
      operationId: "getTemplateVersion",
      summary: "Get one version of a template",
      response: { status: 200, description: "The template as it was at that version", schema: templateResponse },
      pathParams: {
        templateId: { description: "The template's id", type: "uuid" },
        version: { description: "A version number, from 1", type: "integer" },
      },
      canBeNotFound: true,
    },
    params: templateVersionParams,
  },
  async ({ caller, params }) => {
    const [version, current] = await Promise.all([
      findTemplateVersion(caller.service.id, params.id, params.version),
      findCurrentTemplate(caller.service.id, params.id),
    ]);
    if (!version || !current) throw notFound("Template");
    const emails = await userEmails([version.createdById]);
    return Response.json(
      templateJson({ ...version, firstCreatedAt: current.firstCreatedAt }, lookup(emails, version.createdById)),
    );
  },
);
