import type { Metadata } from "next";
import Link from "next/link";
import { Confirmation } from "@/components/ui/confirmation";
import { DateTime } from "@/components/ui/date-time";
import { Notice } from "@/components/ui/notice";
import { Table } from "@/components/ui/table";
import { getServiceCallbacks, listCallbackAttempts } from "@/lib/callbacks/queries";
import { listCallbackSigningSecrets } from "@/lib/callbacks/signing-secrets";
import { requireServiceAccess } from "@/lib/http/session";
import { clearCallbackAction, rotateSigningSecretAction } from "../actions";
import { ApiTabs } from "../api-tabs";
import { CALLBACK_KINDS } from "./callback-kinds";
import { SigningSecretForm } from "./signing-secret-form";

export const metadata: Metadata = { title: "Callbacks" };

const RECENT_FAILURES = 20;

export default async function CallbacksPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ clear?: string; done?: string }>;
}) {
  const { serviceId } = await params;
  const query = await searchParams;
  await requireServiceAccess(serviceId, "manage_api_keys");
  const [callbacks, failures, secrets] = await Promise.all([
    getServiceCallbacks(serviceId),
    listCallbackAttempts(serviceId, { failedOnly: true, limit: RECENT_FAILURES }),
    listCallbackSigningSecrets(serviceId),
  ]);
  const base = `/services/${serviceId}/api/callbacks`;
  const urlOf = (type: string) => callbacks.find((callback) => callback.callbackType === type)?.url;
  const toClear = CALLBACK_KINDS.find((kind) => kind.slug === query.clear && urlOf(kind.type));
  const titleOf = (type: string) => CALLBACK_KINDS.find((kind) => kind.type === type)?.title ?? type;

  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">API integration</h1>
      <ApiTabs serviceId={serviceId} current="/callbacks" />
      <h2 className="mb-2 text-2xl font-bold">Callbacks</h2>
      <p className="mb-6 text-lg">
        Tidings can tell your system what happens, by posting JSON to a URL of yours with your bearer token, as GOV.UK
        Notify does.
      </p>
      {query.done === "saved" && <Notice>Callback saved.</Notice>}
      {query.done === "cleared" && <Notice>Callback removed. Tidings will no longer post these to your system.</Notice>}
      {toClear && (
        <Confirmation
          title={`Stop sending ${toClear.title.toLowerCase()}?`}
          action={clearCallbackAction.bind(null, serviceId)}
          fields={{ callbackType: toClear.type }}
          confirmLabel="Yes, remove the callback"
          cancelHref={base}
        >
          <p>Tidings will stop posting to {urlOf(toClear.type)}. Callbacks not yet sent are dropped.</p>
        </Confirmation>
      )}
      <ul className="mb-10 divide-y divide-line border-y border-line">
        {CALLBACK_KINDS.map((kind) => {
          const url = urlOf(kind.type);
          return (
            <li key={kind.slug} className="flex flex-wrap items-start justify-between gap-4 py-4">
              <div>
                <h3 className="text-xl font-bold">{kind.title}</h3>
                <p className="text-muted">{kind.description}</p>
                <p className="break-all text-lg">{url ?? "Not set up"}</p>
              </div>
              <p className="flex gap-4 text-lg">
                <Link href={`${base}/${kind.slug}`}>
                  {url ? "Change" : "Set up"}
                  <span className="sr-only"> {kind.title.toLowerCase()} callback</span>
                </Link>
                {url && (
                  <Link href={`${base}?clear=${kind.slug}#confirm`}>
                    Remove<span className="sr-only"> {kind.title.toLowerCase()} callback</span>
                  </Link>
                )}
              </p>
            </li>
          );
        })}
      </ul>

      <h2 className="mb-2 text-2xl font-bold">Signing callbacks</h2>
      <p className="mb-4 max-w-3xl text-lg">
        With a signing secret, every callback also carries a <code>Tidings-Signature</code> header your system can
        check, so it knows the callback came from Tidings and was not changed.{" "}
        <a href="/docs/api#signed-callbacks">How to check the signature</a>.
      </p>
      {secrets.length > 0 && (
        <ul className="mb-4 list-disc pl-6 text-lg">
          {secrets.map((secret) => (
            <li key={secret.id}>
              Secret made <DateTime value={secret.createdAt} />
              {secret.expiresAt ? (
                <>
                  , replaced: it stops signing at <DateTime value={secret.expiresAt} />
                </>
              ) : (
                " (current)"
              )}
            </li>
          ))}
        </ul>
      )}
      <SigningSecretForm submit={rotateSigningSecretAction.bind(null, serviceId)} hasSecret={secrets.length > 0} />

      <h2 className="mb-2 text-2xl font-bold">Recent callback failures</h2>
      <Table
        caption={`The last ${RECENT_FAILURES} callbacks your system did not accept, newest first`}
        hideCaption
        rows={failures}
        rowKey={(failure) => failure.id}
        empty="No callbacks have failed. If your system does not answer with a 2xx status, the attempts appear here; Tidings tries each callback again 5 times."
        columns={[
          {
            header: "When (UTC)",
            cell: (failure) => <DateTime value={failure.createdAt} />,
            className: "whitespace-nowrap",
          },
          {
            header: "Callback",
            cell: (failure) => (
              <>
                {titleOf(failure.callbackType)} <span className="text-muted">(attempt {failure.attempt})</span>
                <span className="block break-all text-sm text-muted">{failure.url}</span>
              </>
            ),
          },
          {
            header: "What went wrong",
            cell: (failure) => (
              <>
                {failure.statusCode ? `Answered ${failure.statusCode}` : "No answer"}
                {failure.error && <span className="block text-muted">{failure.error}</span>}
              </>
            ),
            className: "break-words",
          },
        ]}
      />
    </>
  );
}
