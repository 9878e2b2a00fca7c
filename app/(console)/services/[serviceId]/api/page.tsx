import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { Table } from "@/components/ui/table";
import { listRecentApiRequests } from "@/lib/api-log/queries";
import { requireServiceAccess } from "@/lib/http/session";
import { ApiTabs } from "./api-tabs";

export const metadata: Metadata = { title: "API integration" };

export default async function ApiLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ show?: string }>;
}) {
  const { serviceId } = await params;
  await requireServiceAccess(serviceId, "manage_api_keys");
  const failedOnly = (await searchParams).show === "failed";
  const requests = await listRecentApiRequests(serviceId, { failedOnly });
  const base = `/services/${serviceId}/api`;

  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">API integration</h1>
      <ApiTabs serviceId={serviceId} current="" />
      <h2 className="mb-2 text-2xl font-bold">API log</h2>
      <p className="mb-4 text-lg">
        The last 50 requests to the API with this service’s keys, kept for 7 days. Use it to see why a request failed.
      </p>
      <nav aria-label="Filter the API log" className="mb-4 flex gap-4 text-lg">
        <Link
          href={base}
          aria-current={failedOnly ? undefined : "page"}
          className={failedOnly ? "" : "font-bold no-underline"}
        >
          All requests
        </Link>
        <Link
          href={`${base}?show=failed`}
          aria-current={failedOnly ? "page" : undefined}
          className={failedOnly ? "font-bold no-underline" : ""}
        >
          Failed requests only
        </Link>
      </nav>
      <Table
        caption={failedOnly ? "Failed API requests, newest first" : "API requests, newest first"}
        hideCaption
        rows={requests}
        rowKey={(request) => request.id}
        empty={
          <>
            {failedOnly ? "No failed requests in the last 7 days." : "No API requests in the last 7 days."}{" "}
            <Link href={`${base}/keys`}>Create an API key</Link> and read the{" "}
            <Link href="/docs/api">API documentation</Link> to start sending.
          </>
        }
        columns={[
          { header: "When (UTC)", cell: (request) => <DateTime value={request.at} />, className: "whitespace-nowrap" },
          {
            header: "Request",
            cell: (request) => `${request.method} ${request.path}`,
            className: "break-all font-mono text-sm",
          },
          { header: "Key", cell: (request) => request.keyName ?? "Deleted key" },
          {
            header: "Outcome",
            cell: (request) => (
              <>
                <span className={`font-bold ${request.statusCode >= 400 ? "text-error" : "text-success"}`}>
                  {request.statusCode}
                </span>{" "}
                <span className="text-muted">in {request.durationMs} ms</span>
                {request.errorType && (
                  <span className="block break-words">
                    {request.errorType}: {request.errorMessage}
                  </span>
                )}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
