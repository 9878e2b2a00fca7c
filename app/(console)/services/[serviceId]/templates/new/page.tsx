import type { Metadata } from "next";
import Link from "next/link";
import { TemplateEditor } from "@/components/templates/template-editor";
import { requireServiceAccess } from "@/lib/http/session";
import { senderIdentity } from "@/lib/services/sender-identity";
import { getServiceDetails } from "@/lib/services/queries";
import { listTemplateFolders } from "@/lib/templates/console-queries";
import { createTemplateAction } from "../actions";

export const metadata: Metadata = { title: "New template" };

export default async function NewTemplatePage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ type?: string; folder?: string }>;
}) {
  const { serviceId } = await params;
  const query = await searchParams;
  await requireServiceAccess(serviceId, "manage_templates");
  const base = `/services/${serviceId}/templates`;
  const type = query.type === "email" || query.type === "sms" ? query.type : null;
  if (!type) {
    const folder = query.folder ? `&folder=${encodeURIComponent(query.folder)}` : "";
    return (
      <>
        <h1 className="mb-6 text-3xl font-bold">New template</h1>
        <ul className="space-y-4 text-lg">
          <li>
            <Link href={`${base}/new?type=email${folder}`} className="font-bold">
              Email
            </Link>
          </li>
          <li>
            <Link href={`${base}/new?type=sms${folder}`} className="font-bold">
              Text message
            </Link>
          </li>
          <li>
            <Link href={`${base}/copy`} className="font-bold">
              Copy an existing template
            </Link>{" "}
            <span className="text-muted">from another service you belong to</span>
          </li>
        </ul>
      </>
    );
  }
  const [service, folders] = await Promise.all([getServiceDetails(serviceId), listTemplateFolders(serviceId)]);
  const identity = senderIdentity(service);
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">New {type === "email" ? "email" : "text message"} template</h1>
      <TemplateEditor
        type={type}
        action={createTemplateAction.bind(null, serviceId, type)}
        initial={{
          name: "",
          subject: "",
          content: "",
          folderId: folders.some((folder) => folder.id === query.folder) ? query.folder! : "",
        }}
        folders={folders}
        sms={identity.sms}
        fromName={identity.fromName}
        submitLabel="Save template"
      />
    </>
  );
}
