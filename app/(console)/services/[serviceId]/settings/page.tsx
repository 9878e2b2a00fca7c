import type { Metadata } from "next";
import Link from "next/link";
import { requireServiceAccess } from "@/lib/http/session";
import { Notice } from "@/components/ui/notice";
import { goLiveRequestOf } from "@/lib/services/go-live";
import { inboundNumbersOf } from "@/lib/services/inbound-numbers";
import { getServiceDetails } from "@/lib/services/queries";
import { SettingsForm } from "./settings-form";
import { DateTime } from "@/components/ui/date-time";

export const metadata: Metadata = { title: "Settings" };

export default async function ServiceSettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ requested?: string }>;
}) {
  const { serviceId } = await params;
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  const [service, goLiveRequestedAt, inboundNumbers] = await Promise.all([
    getServiceDetails(serviceId),
    goLiveRequestOf(serviceId),
    inboundNumbersOf(serviceId),
  ]);
  const { requested } = await searchParams;
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">Settings</h1>
      {requested && <Notice>Your request to go live was sent to the platform administrators.</Notice>}
      {service.trialMode && (
        <div className="mb-8 border-l-8 border-brand bg-gray-50 px-4 py-3 text-lg">
          {goLiveRequestedAt ? (
            <p>
              You asked to go live on <DateTime value={goLiveRequestedAt} precision="day" />. A platform administrator
              will look at it.
            </p>
          ) : (
            <p>
              Your service is in trial mode.{" "}
              <Link href={`/services/${serviceId}/settings/go-live`}>Request to go live</Link>
            </p>
          )}
        </div>
      )}
      <p className="mb-4 text-lg">
        <Link href={`/services/${serviceId}/settings/senders`}>Reply-to addresses and text message senders</Link>
      </p>
      <p className="mb-8 text-lg">
        {inboundNumbers.length > 0
          ? `People can text your service at ${inboundNumbers.join(" and ")}.`
          : "Your service has no number for receiving text messages. A platform administrator can give it one."}
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
