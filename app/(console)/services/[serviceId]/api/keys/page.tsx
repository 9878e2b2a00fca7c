import type { Metadata } from "next";
import Link from "next/link";
import { Confirmation } from "@/components/ui/confirmation";
import { DateTime } from "@/components/ui/date-time";
import { Notice } from "@/components/ui/notice";
import { listApiKeys } from "@/lib/api-keys/queries";
import { KEY_TYPE_LABELS } from "@/lib/api-keys/schemas";
import { requireServiceAccess } from "@/lib/http/session";
import { revokeApiKeyAction } from "../actions";
import { ApiTabs } from "../api-tabs";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ revoke?: string; done?: string }>;
}) {
  const { serviceId } = await params;
  const query = await searchParams;
  await requireServiceAccess(serviceId, "manage_api_keys");
  const keys = await listApiKeys(serviceId);
  const base = `/services/${serviceId}/api/keys`;
  const toRevoke = keys.find((key) => key.id === query.revoke && !key.revokedAt);

  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">API integration</h1>
      <ApiTabs serviceId={serviceId} current="/keys" />
      <h2 className="mb-4 text-2xl font-bold">API keys</h2>
      {query.done === "revoked" && (
        <Notice>The key was revoked. Requests signed with it are refused from now on.</Notice>
      )}
      <p className="mb-6">
        <Link
          href={`${base}/new`}
          className="inline-block bg-success px-4 py-2 text-lg font-bold text-white no-underline shadow-[0_2px_0_#002d18] hover:bg-[#005a30] hover:text-white"
        >
          Create an API key
        </Link>
      </p>
      {toRevoke && (
        <Confirmation
          title={`Revoke the key “${toRevoke.name}”?`}
          action={revokeApiKeyAction.bind(null, serviceId)}
          fields={{ id: toRevoke.id }}
          confirmLabel="Yes, revoke this key"
          cancelHref={base}
        >
          <p>Any system still using it will not be able to send messages or call the API. You cannot undo this.</p>
        </Confirmation>
      )}
      {keys.length === 0 ? (
        <p className="text-lg text-muted">
          This service has no API keys yet. Create one to send messages from your own system.
        </p>
      ) : (
        <table className="w-full text-left">
          <caption className="sr-only">API keys of this service</caption>
          <thead className="border-b border-line">
            <tr>
              <th scope="col" className="py-2 pr-4">
                Name
              </th>
              <th scope="col" className="py-2 pr-4">
                Type
              </th>
              <th scope="col" className="py-2 pr-4">
                Created (UTC)
              </th>
              <th scope="col" className="py-2 pr-4">
                Last used (UTC)
              </th>
              <th scope="col" className="py-2">
                <span className="sr-only">Status or action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id} className="border-b border-line align-top">
                <td className="break-all py-2 pr-4 font-bold">{key.name}</td>
                <td className="py-2 pr-4">{KEY_TYPE_LABELS[key.keyType]}</td>
                <td className="whitespace-nowrap py-2 pr-4">
                  <DateTime value={key.createdAt} />
                </td>
                <td className="whitespace-nowrap py-2 pr-4">
                  {key.lastUsedAt ? <DateTime value={key.lastUsedAt} /> : "Never"}
                </td>
                <td className="py-2">
                  {key.revokedAt ? (
                    <span className="text-muted">
                      Revoked <DateTime value={key.revokedAt} />
                    </span>
                  ) : (
                    <Link href={`${base}?revoke=${key.id}#confirm`}>
                      Revoke<span className="sr-only"> {key.name}</span>
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
