import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getServiceCallbacks } from "@/lib/callbacks/queries";
import { requireServiceAccess } from "@/lib/http/session";
import { ApiTabs } from "../../api-tabs";
import { CALLBACK_KINDS } from "../callback-kinds";
import { CallbackForm } from "./callback-form";
import { setCallbackAction } from "../../actions";

export const metadata: Metadata = { title: "Callback" };

export default async function CallbackPage({
  params,
}: {
  params: Promise<{ serviceId: string; callbackType: string }>;
}) {
  const { serviceId, callbackType } = await params;
  await requireServiceAccess(serviceId, "manage_api_keys");
  const kind = CALLBACK_KINDS.find((candidate) => candidate.slug === callbackType);
  if (!kind) notFound();
  const current = (await getServiceCallbacks(serviceId)).find((callback) => callback.callbackType === kind.type);
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">API integration</h1>
      <ApiTabs serviceId={serviceId} current="/callbacks" />
      <p className="mb-4 text-lg">
        <Link href={`/services/${serviceId}/api/callbacks`}>Back to callbacks</Link>
      </p>
      <h2 className="mb-2 text-2xl font-bold">{kind.title}</h2>
      <p className="mb-6 text-lg">{kind.description}</p>
      <CallbackForm submit={setCallbackAction.bind(null, serviceId, kind.type)} currentUrl={current?.url ?? ""} />
    </>
  );
}
