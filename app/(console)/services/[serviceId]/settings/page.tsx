import type { Metadata } from "next";
import Link from "next/link";
import { requireServiceAccess } from "@/lib/http/session";
import { getServiceDetails } from "@/lib/services/queries";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function ServiceSettingsPage({ params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  const service = await getServiceDetails(serviceId);
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">Settings</h1>
      <p className="mb-8 text-lg">
        <Link href={`/services/${serviceId}/settings/senders`}>Reply-to addresses and text message senders</Link>
      </p>
      <SettingsForm
        serviceId={serviceId}
        canChangeLimits={user.isPlatformAdmin}
        settings={{
          name: service.name,
          trialMode: service.trialMode,
          emailMessageLimit: service.emailMessageLimit,
          smsMessageLimit: service.smsMessageLimit,
          rateLimit: service.rateLimit,
          emailRetentionDays: service.emailRetentionDays,
          smsRetentionDays: service.smsRetentionDays,
          canSendInternationalSms: service.canSendInternationalSms,
          prefixSms: service.prefixSms,
        }}
      />
    </>
  );
}
