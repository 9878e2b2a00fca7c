import type { Metadata } from "next";
import Link from "next/link";
import { listContactLists } from "@/lib/contact-lists/contact-lists";
import { requireServiceAccess } from "@/lib/http/session";
import { listMailingLists } from "@/lib/mailing-lists/queries";
import { listSegments } from "@/lib/mailing-lists/segments";
import { listReplyToAddresses } from "@/lib/senders/reply-to-addresses";
import { placeholderNames } from "@/lib/templates/placeholders";
import { listCurrentTemplates } from "@/lib/templates/queries";
import { createCampaignAction } from "../actions";
import { CampaignForm } from "../campaign-forms";

export const metadata: Metadata = { title: "Create a campaign" };

export default async function NewCampaignPage({ params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  await requireServiceAccess(serviceId, "send_messages");
  const [templates, lists, replyTos, contactLists] = await Promise.all([
    listCurrentTemplates(serviceId, "email"),
    listMailingLists(serviceId),
    listReplyToAddresses(serviceId),
    listContactLists(serviceId),
  ]);
  const emailContactLists = contactLists.filter((list) => list.file.type === "email" && list.file.status === "valid");
  // A contact list's copy is chosen through its contact list, so that it is copied in again.
  const offered = new Set(emailContactLists.map((list) => list.id));
  const chosenAsLists = lists.filter((list) => !list.contactListId || !offered.has(list.contactListId));
  const withSegments = await Promise.all(
    chosenAsLists.map(async (list) => ({
      ...list,
      segments: (await listSegments(serviceId, list.id)).map(({ id, name }) => ({ id, name })),
    })),
  );
  return (
    <>
      <p className="mb-2">
        <Link href={`/services/${serviceId}/campaigns`}>Campaigns</Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">Create a campaign</h1>
      {templates.length === 0 || (chosenAsLists.length === 0 && emailContactLists.length === 0) ? (
        <p className="text-lg">
          A campaign needs an email template and a mailing list (or a contact list of email addresses).{" "}
          {templates.length === 0 && (
            <Link href={`/services/${serviceId}/templates/new`}>Create an email template</Link>
          )}
          {templates.length === 0 && chosenAsLists.length === 0 && emailContactLists.length === 0 && " and "}
          {chosenAsLists.length === 0 && emailContactLists.length === 0 && (
            <Link href={`/services/${serviceId}/lists`}>create a mailing list</Link>
          )}{" "}
          first.
        </p>
      ) : (
        <CampaignForm
          submit={createCampaignAction.bind(null, serviceId)}
          choices={{
            templates: templates.map((template) => ({
              id: template.templateId,
              name: template.name,
              placeholders: placeholderNames(template.subject, template.content),
            })),
            lists: withSegments,
            contactLists: emailContactLists.map((list) => ({
              id: list.id,
              name: list.name,
              rows: list.file.rowCount ?? 0,
            })),
            replyTos,
          }}
        />
      )}
    </>
  );
}
