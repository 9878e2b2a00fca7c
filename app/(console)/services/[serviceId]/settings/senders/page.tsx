import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { isAppError } from "@/lib/errors";
import { requireServiceAccess } from "@/lib/http/session";
import { listReplyToAddresses, replyToCheckStatus } from "@/lib/senders/reply-to-addresses";
import { listSmsSenders } from "@/lib/senders/sms-senders";
import { changeSenderAction } from "./actions";
import { RefreshWhileWaiting, ReplyToForm, SmsSenderForm } from "./forms";

export const metadata: Metadata = { title: "Reply-to addresses and text message senders" };

const DONE = { "make-default": "Default changed", remove: "Removed", confirm: "Reply-to address added" } as const;

function ChangeButton({
  serviceId,
  id,
  kind,
  change,
  children,
}: {
  serviceId: string;
  id: string;
  kind: "reply-to" | "sms-sender";
  change: "make-default" | "remove" | "confirm";
  children: React.ReactNode;
}) {
  return (
    <form action={changeSenderAction.bind(null, serviceId)}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="change" value={change} />
      <SubmitButton variant={change === "remove" ? "warning" : "secondary"}>{children}</SubmitButton>
    </form>
  );
}

export default async function SendersPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ check?: string; remove?: string; done?: string }>;
}) {
  const { serviceId } = await params;
  const query = await searchParams;
  await requireServiceAccess(serviceId, "manage_service");
  const [replyTos, smsSenders] = await Promise.all([listReplyToAddresses(serviceId), listSmsSenders(serviceId)]);
  const check = query.check
    ? await replyToCheckStatus(serviceId, query.check).catch((error: unknown) =>
        isAppError(error, "not_found") ? null : Promise.reject(error),
      )
    : null;
  const base = `/services/${serviceId}/settings/senders`;
  const done = query.done && query.done in DONE ? DONE[query.done as keyof typeof DONE] : null;

  const list = (
    kind: "reply-to" | "sms-sender",
    entries: { id: string; label: string; isDefault: boolean }[],
    empty: string,
  ) =>
    entries.length === 0 ? (
      <p className="mb-6 text-lg text-muted">{empty}</p>
    ) : (
      <ul className="mb-6 divide-y divide-line border-y border-line">
        {entries.map((entry) => (
          <li key={entry.id} className="flex flex-wrap items-center justify-between gap-4 py-3">
            <span className="text-lg break-all">
              {entry.label}{" "}
              {entry.isDefault && (
                <span className="ml-2 bg-gray-200 px-2 py-1 text-sm font-bold uppercase">Default</span>
              )}
            </span>
            <span className="flex items-center gap-4">
              {!entry.isDefault && (
                <ChangeButton serviceId={serviceId} id={entry.id} kind={kind} change="make-default">
                  Make default<span className="sr-only"> {entry.label}</span>
                </ChangeButton>
              )}
              {query.remove === entry.id ? (
                <>
                  <ChangeButton serviceId={serviceId} id={entry.id} kind={kind} change="remove">
                    Yes, remove {entry.label}
                  </ChangeButton>
                  <Link href={base}>Cancel</Link>
                </>
              ) : (
                <Link href={`${base}?remove=${entry.id}`}>
                  Remove<span className="sr-only"> {entry.label}</span>
                </Link>
              )}
            </span>
          </li>
        ))}
      </ul>
    );

  return (
    <>
      <p className="mb-2">
        <Link href={`/services/${serviceId}/settings`}>Settings</Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">Reply-to addresses and text message senders</h1>
      {done && <Notice>{done}</Notice>}

      <h2 className="mb-3 text-2xl font-bold">Reply-to email addresses</h2>
      <p className="mb-4 text-lg">Replies to your emails go here. Without one, people cannot reply.</p>
      {check && (
        <div className="mb-6 border-l-8 border-brand bg-gray-50 px-4 py-3 text-lg" role="status">
          {check.status === "waiting" && (
            <>
              <RefreshWhileWaiting />
              <p>Checking {check.emailAddress}: we sent it an email and are waiting for it to be delivered…</p>
            </>
          )}
          {check.status === "delivered" && query.check && (
            <div className="flex flex-wrap items-center gap-4">
              <p>The check email reached {check.emailAddress}.</p>
              <ChangeButton serviceId={serviceId} id={query.check} kind="reply-to" change="confirm">
                Add {check.emailAddress}
              </ChangeButton>
            </div>
          )}
          {check.status === "failed" && (
            <p className="font-bold text-error">
              We could not deliver an email to {check.emailAddress}. Check the address and try again.
            </p>
          )}
        </div>
      )}
      {list(
        "reply-to",
        replyTos.map((entry) => ({ id: entry.id, label: entry.emailAddress, isDefault: entry.isDefault })),
        "No reply-to addresses yet.",
      )}
      <ReplyToForm serviceId={serviceId} />

      <h2 className="mb-3 mt-10 text-2xl font-bold">Text message senders</h2>
      <p className="mb-4 text-lg">
        Who your text messages appear to come from. Without one, they come from the platform’s default sender.
      </p>
      {list(
        "sms-sender",
        smsSenders.map((entry) => ({ id: entry.id, label: entry.sender, isDefault: entry.isDefault })),
        "No text message senders yet.",
      )}
      <SmsSenderForm serviceId={serviceId} />
    </>
  );
}
