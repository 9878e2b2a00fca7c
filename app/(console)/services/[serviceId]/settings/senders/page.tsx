import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { requireServiceAccess } from "@/lib/http/session";
import { listPendingReplyToChecks, listReplyToAddresses } from "@/lib/senders/reply-to-addresses";
import { listSmsSenders } from "@/lib/senders/sms-senders";
import { getServiceDetails } from "@/lib/services/queries";
import { senderIdentity } from "@/lib/services/sender-identity";
import { addSmsSenderAction, changeSenderAction, startReplyToCheckAction } from "./actions";
import { RefreshWhileWaiting } from "@/components/ui/refresh-while-waiting";
import { ReplyToForm, SmsSenderForm } from "./forms";

export const metadata: Metadata = { title: "Reply-to addresses and text message senders" };

const DONE = {
  "make-default": "Default changed",
  remove: "Removed",
  confirm: "Reply-to address added",
  cancel: "Check cancelled",
} as const;

type Change = "make-default" | "remove" | "confirm" | "resend" | "cancel";

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
  change: Change;
  children: React.ReactNode;
}) {
  return (
    <form action={changeSenderAction.bind(null, serviceId)}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="change" value={change} />
      <SubmitButton variant={change === "remove" || change === "cancel" ? "warning" : "secondary"}>
        {children}
      </SubmitButton>
    </form>
  );
}

export default async function SendersPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ remove?: string; done?: string }>;
}) {
  const { serviceId } = await params;
  const query = await searchParams;
  await requireServiceAccess(serviceId, "manage_service");
  const [replyTos, checks, smsSenders, service] = await Promise.all([
    listReplyToAddresses(serviceId),
    listPendingReplyToChecks(serviceId),
    listSmsSenders(serviceId),
    getServiceDetails(serviceId),
  ]);
  const { fromAddress } = senderIdentity(service);
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

      <h2 className="mb-3 text-2xl font-bold">From address</h2>
      {fromAddress ? (
        <p className="mb-8 text-lg">
          Your emails come from <strong className="break-all">{fromAddress}</strong>.
        </p>
      ) : (
        <div className="mb-8 border-l-8 border-error px-4 py-3 text-lg">
          <p className="font-bold">No email domain is configured.</p>
          <p>
            Emails have no address of their own to come from, and real email providers will refuse them. Your platform
            administrator sets the domain with EMAIL_DOMAIN (or PUBLIC_URL) when starting Tidings.
          </p>
        </div>
      )}

      <h2 className="mb-3 text-2xl font-bold">Reply-to email addresses</h2>
      <p className="mb-4 text-lg">Replies to your emails go here. Without one, people cannot reply.</p>
      {checks.length > 0 && (
        <section aria-labelledby="pending-checks" className="mb-6">
          <h3 id="pending-checks" className="mb-2 text-xl font-bold">
            Waiting to be added
          </h3>
          {checks.some((check) => check.status === "waiting") && <RefreshWhileWaiting />}
          <ul className="divide-y divide-line border-y border-line" aria-live="polite">
            {checks.map((check) => (
              <li key={check.id} className="flex flex-wrap items-center justify-between gap-4 py-3 text-lg">
                <span className="break-words">
                  {check.status === "waiting" && (
                    <>We sent a check email to {check.emailAddress} and are waiting for it to be delivered…</>
                  )}
                  {check.status === "delivered" && <>The check email reached {check.emailAddress}.</>}
                  {check.status === "failed" && (
                    <span className="font-bold text-error">
                      We could not deliver an email to {check.emailAddress}. Check the address and try again.
                    </span>
                  )}
                </span>
                <span className="flex flex-wrap items-center gap-4">
                  {check.status === "delivered" ? (
                    <ChangeButton serviceId={serviceId} id={check.id} kind="reply-to" change="confirm">
                      Add {check.emailAddress}
                    </ChangeButton>
                  ) : (
                    <ChangeButton serviceId={serviceId} id={check.id} kind="reply-to" change="resend">
                      Send the check again<span className="sr-only"> to {check.emailAddress}</span>
                    </ChangeButton>
                  )}
                  <ChangeButton serviceId={serviceId} id={check.id} kind="reply-to" change="cancel">
                    Cancel<span className="sr-only"> the check of {check.emailAddress}</span>
                  </ChangeButton>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {list(
        "reply-to",
        replyTos.map((entry) => ({ id: entry.id, label: entry.emailAddress, isDefault: entry.isDefault })),
        "No reply-to addresses yet.",
      )}
      <ReplyToForm submit={startReplyToCheckAction.bind(null, serviceId)} />

      <h2 className="mb-3 mt-10 text-2xl font-bold">Text message senders</h2>
      <p className="mb-4 text-lg">
        Who your text messages appear to come from. Without one, they come from the platform’s default sender.
      </p>
      {list(
        "sms-sender",
        smsSenders.map((entry) => ({ id: entry.id, label: entry.sender, isDefault: entry.isDefault })),
        "No text message senders yet.",
      )}
      <SmsSenderForm submit={addSmsSenderAction.bind(null, serviceId)} />
    </>
  );
}
