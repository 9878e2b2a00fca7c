import type { Metadata } from "next";
import Link from "next/link";
import { Confirmation } from "@/components/ui/confirmation";
import { DateTime } from "@/components/ui/date-time";
import { Notice } from "@/components/ui/notice";
import { Table } from "@/components/ui/table";
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
      <Table
        caption="API keys of this service"
        hideCaption
        rows={keys}
        rowKey={(key) => key.id}
        empty="This service has no API keys yet. Create one to send messages from your own system."
        columns={[
          { header: "Name", cell: (key) => key.name, className: "break-all font-bold" },
          { header: "Type", cell: (key) => KEY_TYPE_LABELS[key.keyType] },
          {
            header: "Created (UTC)",
            cell: (key) => <DateTime value={key.createdAt} />,
            className: "whitespace-nowrap",
          },
          {
            header: "Last used (UTC)",
            cell: (key) => (key.lastUsedAt ? <DateTime value={key.lastUsedAt} /> : "Never"),
            className: "whitespace-nowrap",
          },
          {
            header: "Status or action",
            hideHeader: true,
            cell: (key) =>
              key.revokedAt ? (
                <span className="text-muted">
                  Revoked <DateTime value={key.revokedAt} />
                </span>
              ) : (
                <Link href={`${base}?revoke=${key.id}#confirm`}>
                  Revoke<span className="sr-only"> {key.name}</span>
                </Link>
              ),
          },
        ]}
      />
    </>
  );
}
