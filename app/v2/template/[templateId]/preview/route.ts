import { templateIdParams } from "@/lib/v2/params";
import { postTemplatePreviewRequest, templatePreviewResponse } from "@/lib/v2/schemas";
import { v2Route } from "@/lib/v2/route";
import { previewTemplate } from "@/lib/templates/preview-template";

// POST /v2/template/{id}/preview – the template rendered with the given personalisation.
export const POST = v2Route(
  {
    docs: {
      operationId: "previewTemplate",
      summary: "Render a template with personalisation",
      response: { status: 200, description: "The rendered template", schema: templatePreviewResponse },
      pathParams: { templateId: { description: "The template's id", type: "uuid" } },
      canBeNotFound: true,
    },
    params: templateIdParams,
    body: postTemplatePreviewRequest,
  },
  async ({ caller, params, body }) => {
    const preview = await previewTemplate(caller.service, params.id, body.personalisation ?? {});
    return Response.json({
      id: preview.templateId,
      type: preview.type,
      version: preview.version,
      body: preview.body,
      html: preview.html,
      subject: preview.subject,
      postage: null,
    });
  },
);
