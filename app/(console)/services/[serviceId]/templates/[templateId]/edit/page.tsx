import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TemplateEditor } from "@/components/templates/template-editor";
import { requireServiceAccess } from "@/lib/http/session";
import { getServiceDetails } from "@/lib/services/queries";
import { senderIdentity } from "@/lib/services/sender-identity";
import { findTemplateForConsole } from "@/lib/templates/console-queries";
import { updateTemplateAction } from "../../actions";

export const metadata: Metadata = { title: "Edit template" };

export default async function EditTemplatePage({
  params,
}: {
  params: Promise<{ serviceId: string; templateId: string }>;
}) {
  const { serviceId, templateId } = await params;
  await requireServiceAccess(serviceId, "manage_templates");
  const [service, template] = await Promise.all([
    getServiceDetails(serviceId),
    findTemplateForConsole(serviceId, templateId),
  ]);
  if (!template || template.archived) notFound();
  const identity = senderIdentity(service);
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">Edit ‘{template.name}’</h1>
      <TemplateEditor
        type={template.type}
        action={updateTemplateAction.bind(null, serviceId, templateId)}
        initial={{
          name: template.name,
          subject: template.subject ?? "",
          content: template.content,
          folderId: template.folderId ?? "",
        }}
        sms={identity.sms}
        fromName={identity.fromName}
        submitLabel="Save changes"
      />
    </>
  );
}
