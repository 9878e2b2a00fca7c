import type { Metadata } from "next";
import Link from "next/link";
import { requireServiceAccess } from "@/lib/http/session";
import { Notice } from "@/components/ui/notice";
import { SummaryList } from "@/components/ui/summary-list";
import { goLiveRejectionOf, goLiveRequestOf } from "@/lib/services/go-live";
import { settingsSummaryOf } from "@/lib/settings/settings-summary";
import { DateTime } from "@/components/ui/date-time";
import { isSection, SECTIONS } from "./sections";

const yesNo = (value: boolean) => (value ? "On" : "Off");
const days = (count: number) => `${count} ${count === 1 ? "day" : "days"}`;
const perDay = (count: number) => count.toLocaleString("en-GB");
const listOr = (items: string[], none: string) => (items.length > 0 ? items.join(", ") : none);

export const metadata: Metadata = { title: "Settings" };

export default async function ServiceSettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ requested?: string; saved?: string }>;
}) {
  const { serviceId } = await params;
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  const [summary, goLiveRequestedAt, goLiveRejection] = await Promise.all([
    settingsSummaryOf(serviceId),
    goLiveRequestOf(serviceId),
    goLiveRejectionOf(serviceId),
  ]);
  const { service, replyTos, smsSenders, brandingName, inboundNumbers, phoneNumbers } = summary;
  const { requested, saved } = await searchParams;
  const base = `/services/${serviceId}/settings`;
  const change = (section: keyof typeof SECTIONS, adminOnly = false) =>
    adminOnly && !user.isPlatformAdmin
      ? null
      : { href: `${base}/change/${section}`, label: SECTIONS[section].title.toLowerCase() };
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">Settings</h1>
      {requested && goLiveRequestedAt && (
        <Notice>Your request to go live was sent to the platform administrators. They will look at it.</Notice>
      )}
      {service.trialMode && !(requested && goLiveRequestedAt) && (
        <div className="mb-8 border-l-8 border-brand bg-gray-50 px-4 py-3 text-lg">
          {goLiveRequestedAt ? (
            <p>
              You asked to go live on <DateTime value={goLiveRequestedAt} precision="day" />. A platform administrator
              will look at it.
            </p>
          ) : goLiveRejection ? (
            <>
              <p>
                Your request to go live was not approved on{" "}
                <DateTime value={goLiveRejection.rejectedAt} precision="day" />: {goLiveRejection.reason}
              </p>
              <p>
                <Link href={`/services/${serviceId}/settings/go-live`}>Request to go live again</Link>
              </p>
            </>
          ) : (
            <p>
              Your service is in trial mode.{" "}
              <Link href={`/services/${serviceId}/settings/go-live`}>Request to go live</Link>
            </p>
          )}
        </div>
      )}
      {saved && isSection(saved) && <Notice>{SECTIONS[saved].title}: saved</Notice>}
      <SummaryList title="Service name" change={change("name")} rows={[{ key: "Name", value: service.name }]} />
      <SummaryList
        title="Trial mode"
        change={change("trial-mode", true)}
        rows={[
          {
            key: "Mode",
            value: service.trialMode ? "Trial mode: sends only to the team and the guest list" : "Live",
          },
        ]}
      />
      <SummaryList
        title="Text messages"
        change={change("text-messages")}
        rows={[
          { key: "Start text messages with the service name", value: yesNo(service.prefixSms) },
          { key: "Send to international numbers", value: yesNo(service.canSendInternationalSms) },
        ]}
      />
      <SummaryList
        title="Sending limits"
        change={change("limits", true)}
        rows={[
          { key: "Emails per day", value: perDay(service.emailMessageLimit) },
          { key: "Text messages per day", value: perDay(service.smsMessageLimit) },
          { key: "API requests per minute, per key type", value: perDay(service.rateLimit) },
        ]}
      />
      <SummaryList
        title="Data retention"
        change={change("retention")}
        rows={[
          { key: "Keep emails for", value: days(service.emailRetentionDays) },
          { key: "Keep text messages for", value: days(service.smsRetentionDays) },
        ]}
      />
      <SummaryList
        title="Senders"
        change={{ href: `${base}/senders`, label: "reply-to addresses and text message senders" }}
        rows={[
          { key: "Reply-to addresses", value: listOr(replyTos, "Not set") },
          { key: "Text message senders", value: listOr(smsSenders, "The platform’s default sender") },
        ]}
      />
      <SummaryList
        title="Email branding"
        change={{ href: `${base}/email-branding`, label: "email branding" }}
        rows={[{ key: "Branding", value: brandingName ?? "None: the plain header" }]}
      />
      <SummaryList
        title="Phone numbers"
        change={{ href: `/services/${serviceId}/phone-numbers`, label: "phone numbers and opted-out numbers" }}
        rows={[
          {
            key: "Receives texts at",
            value: listOr(
              inboundNumbers,
              "Your service has no number for receiving text messages. A platform administrator can give it one.",
            ),
          },
          { key: "Its phone numbers", value: listOr(phoneNumbers, "None") },
        ]}
      />
      <p className="text-lg">
        <Link href={`${base}/all`}>Change several settings at once</Link>
      </p>
    </>
  );
}
