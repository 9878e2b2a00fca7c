import type { Metadata } from "next";
import { SubmitButton } from "@/components/ui/submit-button";
import { requireServiceAccess } from "@/lib/http/session";
import { templatesToCopy } from "@/lib/templates/console-queries";
import { copyTemplateAction } from "../actions";

export const metadata: Metadata = { title: "Copy a template" };

export default async function CopyTemplatePage({ params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  const { user } = await requireServiceAccess(serviceId, "manage_templates");
  const groups = await templatesToCopy(user.id, serviceId);
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">Copy an existing template</h1>
      {groups.length === 0 && (
        <p className="text-lg">
          You do not belong to any other service with templates. Copying works between services you are a member of.
        </p>
      )}
      {groups.map((group) => (
        <section key={group.serviceName} className="mb-8" aria-labelledby={`group-${group.templates[0]!.serviceId}`}>
          <h2 id={`group-${group.templates[0]!.serviceId}`} className="mb-3 text-xl font-bold">
            {group.serviceName}
          </h2>
          <ul className="divide-y divide-line border-y border-line">
            {group.templates.map((template) => (
              <li key={template.id} className="flex items-center justify-between gap-4 py-3">
                <span className="text-lg">
                  {template.name}{" "}
                  <span className="text-muted">({template.type === "email" ? "email" : "text message"})</span>
                </span>
                <form action={copyTemplateAction.bind(null, serviceId)}>
                  <input type="hidden" name="fromServiceId" value={template.serviceId} />
                  <input type="hidden" name="templateId" value={template.id} />
                  <SubmitButton variant="secondary">
                    Copy<span className="sr-only"> {template.name}</span>
                  </SubmitButton>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
