import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TemplatePreview } from "@/components/templates/template-preview";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { emailBrandingOfService } from "@/lib/branding/queries";
import { requireServiceAccess } from "@/lib/http/session";
import { getServiceDetails } from "@/lib/services/queries";
import { senderIdentity } from "@/lib/services/sender-identity";
import { findTemplateForConsole, listTemplateFolders } from "@/lib/templates/console-queries";
import { previewForEditor } from "@/lib/templates/editor-preview";
import { emailBrandingHtml } from "@/lib/templates/email-branding";
import { placeholderNames } from "@/lib/templates/placeholders";
import { archiveTemplateAction, moveTemplateAction } from "../actions";
import { MoveForm } from "./move-form";
import { DateTime } from "@/components/ui/date-time";

export const metadata: Metadata = { title: "Template" };

export default async function TemplatePage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string; templateId: string }>;
  searchParams: Promise<{ saved?: string; delete?: string }>;
}) {
  const { serviceId, templateId } = await params;
  const query = await searchParams;
  const { access } = await requireServiceAccess(serviceId);
  const [service, template, folders, branding] = await Promise.all([
    getServiceDetails(serviceId),
    findTemplateForConsole(serviceId, templateId),
    listTemplateFolders(serviceId),
    emailBrandingOfService(serviceId),
  ]);
  if (!template) notFound();
  const canManage = access.permissions.has("manage_templates") && !template.archived;
  const identity = senderIdentity(service);
  const preview = previewForEditor(
    { type: template.type, subject: template.subject ?? "", content: template.content },
    identity.sms,
  );
  const placeholders = placeholderNames(template.subject, template.content);
  const base = `/services/${serviceId}/templates/${templateId}`;

  return (
    <>
      <p className="mb-2">
        <Link href={`/services/${serviceId}/templates${template.folderId ? `?folder=${template.folderId}` : ""}`}>
          {template.folder ? template.folder.name : "Templates"}
        </Link>
      </p>
      <h1 className="mb-2 text-3xl font-bold">{template.name}</h1>
      <p className="mb-6 text-muted">
        {template.type === "email" ? "Email" : "Text message"} template · version {template.version} · last edited{" "}
        <DateTime value={template.updatedAt} precision="day" />
        {template.archived && " · deleted"}
      </p>
      {query.saved && <Notice>Template saved</Notice>}
      {query.delete && canManage && (
        <div className="mb-6 border-4 border-error p-4">
          <h2 className="mb-2 text-xl font-bold">Delete ‘{template.name}’?</h2>
          <p className="mb-4 text-lg">
            The API will refuse to send with it. Messages already sent keep their content, and its history stays.
          </p>
          <form action={archiveTemplateAction.bind(null, serviceId)} className="flex items-center gap-4">
            <input type="hidden" name="templateId" value={template.id} />
            <SubmitButton variant="warning">Yes, delete</SubmitButton>
            <Link href={base}>Cancel</Link>
          </form>
        </div>
      )}
      <div className="mb-6 flex flex-wrap gap-4 text-lg">
        {access.permissions.has("send_messages") && !template.archived && (
          <Link
            href={`/services/${serviceId}/send/${template.id}`}
            className="bg-success px-4 py-2 font-bold text-white no-underline shadow-[0_2px_0_#002d18] hover:text-white"
          >
            Send
          </Link>
        )}
        {access.permissions.has("send_messages") && !template.archived && (
          <Link href={`/services/${serviceId}/send/${template.id}/upload`} className="self-center">
            Upload a list of recipients
          </Link>
        )}
        {canManage && (
          <Link href={`${base}/edit`} className="self-center">
            Edit
          </Link>
        )}
        <Link href={`${base}/versions`} className="self-center">
          See previous versions
        </Link>
        {canManage && (
          <Link href={`${base}?delete=1`} className="self-center text-error">
            Delete this template
          </Link>
        )}
      </div>
      <TemplatePreview preview={preview} fromName={identity.fromName} bannerHtml={emailBrandingHtml(branding)} />
      <p className="mt-4 text-muted">
        {placeholders.length === 0 ? "No placeholders." : `Placeholders: ${placeholders.join(", ")}.`} Template ID for
        the API: <code className="select-all">{template.id}</code>
      </p>
      {canManage && folders.length > 0 && (
        <MoveForm
          submit={moveTemplateAction.bind(null, serviceId, template.id)}
          folders={folders}
          currentFolderId={template.folderId}
        />
      )}
    </>
  );
}
