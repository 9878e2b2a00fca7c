import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { Table } from "@/components/ui/table";
import { requireServiceAccess } from "@/lib/http/session";
import { conversationWith, listConversations } from "@/lib/inbound-sms/conversations";
import { inboundNumbersOf } from "@/lib/services/inbound-numbers";
import { listTemplatesForConsole } from "@/lib/templates/console-queries";

export const metadata: Metadata = { title: "Received text messages" };

export default async function InboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ number?: string }>;
}) {
  const { serviceId } = await params;
  const { number } = await searchParams;
  const { access } = await requireServiceAccess(serviceId, "view_activity");
  const base = `/services/${serviceId}/inbox`;
  const numbers = await inboundNumbersOf(serviceId);

  if (number) {
    const [entries, templates] = await Promise.all([
      conversationWith(serviceId, number),
      access.permissions.has("send_messages") ? listTemplatesForConsole(serviceId, { type: "sms" }) : [],
    ]);
    return (
      <>
        <p className="mb-2">
          <Link href={base}>Received text messages</Link>
        </p>
        <h1 className="mb-6 break-all text-3xl font-bold">Conversation with {number}</h1>
        {entries.length === 0 ? (
          <p className="mb-8 text-lg text-muted">No texts from or to this number.</p>
        ) : (
          <ol className="mb-8 max-w-2xl space-y-4" aria-label="Texts, oldest first">
            {entries.map((entry) => (
              <li key={entry.id} className={entry.direction === "sent" ? "ml-12" : "mr-12"}>
                <p className="text-sm text-muted">
                  {entry.direction === "received" ? `From ${number}` : "You sent"}, <DateTime value={entry.at} /> UTC
                </p>
                <p
                  className={`whitespace-pre-wrap rounded-lg p-3 [overflow-wrap:anywhere] ${entry.direction === "sent" ? "bg-brand text-white" : "bg-gray-200"}`}
                >
                  {entry.text}
                </p>
              </li>
            ))}
          </ol>
        )}
        {access.permissions.has("send_messages") && (
          <section aria-labelledby="reply-heading">
            <h2 id="reply-heading" className="mb-3 text-2xl font-bold">
              Reply with a template
            </h2>
            {templates.length === 0 ? (
              <p className="text-lg text-muted">
                Your service has no text message templates yet.{" "}
                <Link href={`/services/${serviceId}/templates/new?type=sms`}>Add one</Link>
              </p>
            ) : (
              <ul className="list-disc pl-6 text-lg">
                {templates.map((template) => (
                  <li key={template.id}>
                    <Link href={`/services/${serviceId}/send/${template.id}?to=${encodeURIComponent(number)}`}>
                      {template.name}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </>
    );
  }

  const conversations = await listConversations(serviceId);
  return (
    <>
      <div className="mb-6 flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-3xl font-bold">Received text messages</h1>
        {conversations.length > 0 && (
          <a href={`${base}/export`} className="text-lg">
            Download every received text (CSV)
          </a>
        )}
      </div>
      <p className="mb-6 text-lg">
        {numbers.length > 0
          ? `People can text your service at ${numbers.join(" and ")}.`
          : "Your service has no number for receiving text messages. A platform administrator can give it one."}
      </p>
      <Table
        caption="People who texted your service, latest first"
        hideCaption
        rows={conversations}
        rowKey={(row) => row.userNumber}
        empty="No text messages received yet. Texts people send to your number appear here."
        columns={[
          {
            header: "From",
            cell: (row) => <Link href={`${base}?number=${encodeURIComponent(row.userNumber)}`}>{row.userNumber}</Link>,
            className: "whitespace-nowrap",
          },
          { header: "Latest text", cell: (row) => row.lastText, className: "[overflow-wrap:anywhere]" },
          { header: "Texts", cell: (row) => row.received, numeric: true },
          { header: "Last (UTC)", cell: (row) => <DateTime value={row.lastAt} />, className: "whitespace-nowrap" },
        ]}
      />
    </>
  );
}
