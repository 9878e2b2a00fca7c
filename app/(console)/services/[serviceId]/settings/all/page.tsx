import type { Metadata } from "next";
import Link from "next/link";
import { requireServiceAccess } from "@/lib/http/session";
import { getServiceDetails } from "@/lib/services/queries";
import { updateSettingsAction } from "../actions";
import { settingsOf } from "../sections";
import { SettingsForm } from "../settings-form";

export const metadata: Metadata = { title: "All settings" };

/** Every setting in one form, for changing several at once. */
export default async function AllSettingsPage({ params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  const service = await getServiceDetails(serviceId);
  return (
    <>
      <p className="mb-2">
        <Link href={`/services/${serviceId}/settings`}>Settings</Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">All settings</h1>
      <SettingsForm
        submit={updateSettingsAction.bind(null, serviceId, null)}
        canChangeLimits={user.isPlatformAdmin}
        settings={settingsOf(service)}
      />
    </>
  );
}
