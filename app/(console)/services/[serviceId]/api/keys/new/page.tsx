import type { Metadata } from "next";
import Link from "next/link";
import { requireServiceAccess } from "@/lib/http/session";
import { getServiceDetails } from "@/lib/services/queries";
import { ApiTabs } from "../../api-tabs";
import { NewKeyForm } from "./new-key-form";
import { createApiKeyAction } from "../../actions";
import { KEY_TYPE_LABELS } from "@/lib/api-keys/schemas";

export const metadata: Metadata = { title: "Create an API key" };

export default async function NewApiKeyPage({ params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  await requireServiceAccess(serviceId, "manage_api_keys");
  const service = await getServiceDetails(serviceId);
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">API integration</h1>
      <ApiTabs serviceId={serviceId} current="/keys" />
      <p className="mb-4 text-lg">
        <Link href={`/services/${serviceId}/api/keys`}>Back to API keys</Link>
      </p>
      <h2 className="mb-4 text-2xl font-bold">Create an API key</h2>
      <NewKeyForm
        submit={createApiKeyAction.bind(null, serviceId)}
        keyTypes={KEY_TYPE_LABELS}
        trialMode={service.trialMode}
      />
    </>
  );
}
