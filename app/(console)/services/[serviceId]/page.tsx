import type { Metadata } from "next";
import Link from "next/link";
import { LiveDashboard } from "@/components/dashboard/live-dashboard";
import { requireServiceAccess } from "@/lib/http/session";
import { recentDashboardSummary } from "@/lib/notifications/dashboard";
import { getServiceDetails } from "@/lib/services/queries";

export const metadata: Metadata = { title: "Dashboard" };

export default async function ServiceOverviewPage({ params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  const { access } = await requireServiceAccess(serviceId);
  const service = await getServiceDetails(serviceId);
  const summary = access.permissions.has("view_activity") ? await recentDashboardSummary(serviceId) : null;
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">Dashboard</h1>
      {service.trialMode && (
        <div className="mb-8 border-l-8 border-brand bg-gray-50 px-4 py-3 text-lg">
          <h2 className="font-bold">Your service is in trial mode</h2>
          <p>
            You can only send messages to your team members and guest list, up to {service.emailMessageLimit} emails and{" "}
            {service.smsMessageLimit} text messages a day.
          </p>
        </div>
      )}
      {summary && (
        <div className="mb-10">
          <LiveDashboard serviceId={serviceId} initial={summary} />
        </div>
      )}
      <dl className="grid max-w-2xl grid-cols-[max-content_1fr] gap-x-8 gap-y-3 text-lg">
        <dt className="font-bold">Daily limits</dt>
        <dd>
          {service.emailMessageLimit.toLocaleString("en-GB")} emails, {service.smsMessageLimit.toLocaleString("en-GB")}{" "}
          text messages
        </dd>
        <dt className="font-bold">Data kept for</dt>
        <dd>
          {service.emailRetentionDays} days (emails), {service.smsRetentionDays} days (text messages)
        </dd>
      </dl>
      {access.permissions.has("manage_service") && (
        <p className="mt-8 text-lg">
          <Link href={`/services/${serviceId}/settings`}>Change settings</Link>
        </p>
      )}
    </>
  );
}
