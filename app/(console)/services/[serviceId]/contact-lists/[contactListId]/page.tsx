import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DateTime } from "@/components/ui/date-time";
import { findContactList } from "@/lib/contact-lists/contact-lists";
import { requireServiceAccess } from "@/lib/http/session";
import { listTemplatesForConsole } from "@/lib/templates/console-queries";
import { ActionButton } from "../../uploads/forms";
import { deleteContactListAction, sendToContactListAction } from "../actions";
import { SendToListForm } from "../forms";

export const metadata: Metadata = { title: "Contact list" };

export default async function ContactListPage({
  params,
}: {
  params: Promise<{ serviceId: string; contactListId: string }>;
}) {
  const { serviceId, contactListId } = await params;
  await requireServiceAccess(serviceId, "send_messages");
  const list = await findContactList(serviceId, contactListId);
  if (!list) notFound();
  const templates = await listTemplatesForConsole(serviceId, { type: list.file.type });
  return (
    <>
      {list.file.status === "checking" && <meta httpEquiv="refresh" content="2" />}
      <p className="mb-2">
        <Link href={`/services/${serviceId}/contact-lists`}>Contact lists</Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">{list.name}</h1>
      <dl className="mb-8 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-8 gap-y-3 text-lg">
        <dt className="font-bold">File</dt>
        <dd className="break-all">{list.file.originalName}</dd>
        <dt className="font-bold">Rows</dt>
        <dd>
          {list.file.status === "checking"
            ? "Being checked…"
            : list.file.status === "invalid"
              ? "The file has errors"
              : (list.file.rowCount ?? 0).toLocaleString("en-GB")}
        </dd>
        <dt className="font-bold">Saved</dt>
        <dd>
          <DateTime value={list.createdAt} />
        </dd>
        <dt className="font-bold">Last used</dt>
        <dd>{list.lastUsedAt ? <DateTime value={list.lastUsedAt} /> : "Not used yet"}</dd>
      </dl>
      {list.file.status === "invalid" && (
        <p className="mb-8 text-lg">
          <Link href={`/services/${serviceId}/uploads/${list.file.id}`}>See the errors</Link>, then save the fixed file
          as a new list.
        </p>
      )}
      {list.file.status === "valid" && (
        <>
          <h2 className="mb-4 text-2xl font-bold">Send a template to this list</h2>
          {templates.length > 0 ? (
            <SendToListForm
              submit={sendToContactListAction.bind(null, serviceId, contactListId)}
              templates={templates.map((template) => ({ id: template.id, name: template.name }))}
            />
          ) : (
            <p className="mb-8 text-lg">
              The service has no {list.file.type === "email" ? "email" : "text message"} templates yet.
            </p>
          )}
        </>
      )}
      <ActionButton submit={deleteContactListAction.bind(null, serviceId, contactListId)} label="Delete this list" />
    </>
  );
}
