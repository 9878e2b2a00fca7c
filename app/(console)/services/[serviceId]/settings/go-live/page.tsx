import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireServiceAccess } from "@/lib/http/session";
import { goLiveRequestOf } from "@/lib/services/go-live";
import { getServiceDetails } from "@/lib/services/queries";
import { GoLiveForm } from "./go-live-form";
import { requestGoLiveAction } from "./actions";

export const metadata: Metadata = { title: "Request to go live" };

export default async function GoLivePage({ params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  await requireServiceAccess(serviceId, "manage_service");
  const [service, requestedAt] = await Promise.all([getServiceDetails(serviceId), goLiveRequestOf(serviceId)]);
  if (!service.trialMode || requestedAt) redirect(`/services/${serviceId}/settings`);
  return (
    <>
      <p className="mb-2">
        <Link href={`/services/${serviceId}/settings`}>Settings</Link>
      </p>
      <h1 className="mb-4 text-3xl font-bold">Request to go live</h1>
      <p className="mb-6 text-lg">
        A live service can send to anyone, not only its team and guest list. A platform administrator checks your
        request, usually within a working day.
      </p>
      <GoLiveForm submit={requestGoLiveAction.bind(null, serviceId)} />
    </>
  );
}
