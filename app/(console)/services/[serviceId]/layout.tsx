import Link from "next/link";
import { ServiceNav } from "@/components/layout/service-nav";
import { Notice } from "@/components/ui/notice";
import { autoPausedCampaigns } from "@/lib/campaigns/queries";
import { deliverabilityAlertOf } from "@/lib/deliverability/alerts";
import { requireServiceAccess } from "@/lib/http/session";
import { serviceNavigation } from "@/lib/services/navigation";
import { getServiceDetails } from "@/lib/services/queries";

// Chrome only. Every page below checks its own permission: layouts do not re-run on navigation.
export default async function ServiceLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ serviceId: string }>;
}) {
  const { serviceId } = await params;
  const { access } = await requireServiceAccess(serviceId);
  const [service, alert, paused] = await Promise.all([
    getServiceDetails(serviceId),
    deliverabilityAlertOf(serviceId),
    autoPausedCampaigns(serviceId),
  ]);
  return (
    <>
      <p className="mb-6 border-b border-line pb-3 text-xl font-bold">
        {service.name}
        {service.trialMode && (
          <span className="ml-3 bg-gray-200 px-2 py-1 align-middle text-sm uppercase tracking-wide">Trial mode</span>
        )}
      </p>
      {(alert.bounce || alert.complaint) && (
        <Notice tone="warning">
          {alert.bounce
            ? "This service’s email bounce rate is above AWS’s threshold."
            : "This service’s complaint rate is above AWS’s threshold."}{" "}
          {access.permissions.has("view_activity") && (
            <Link href={`/services/${serviceId}/deliverability`}>See bounces and complaints</Link>
          )}
        </Notice>
      )}
      {paused.map((campaign) => (
        <Notice key={campaign.id} tone="warning">
          The campaign “{campaign.name}” paused itself and needs someone to look at it.{" "}
          {access.permissions.has("send_messages") && (
            <Link href={`/services/${serviceId}/campaigns/${campaign.id}`}>See the campaign</Link>
          )}
        </Notice>
      ))}
      <div className="flex flex-col gap-8 md:flex-row">
        <ServiceNav items={serviceNavigation(serviceId, access.permissions)} />
        <div className="min-w-0 flex-1">{children}</div>
      </div>
    </>
  );
}
