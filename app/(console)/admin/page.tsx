import type { Metadata } from "next";
import Link from "next/link";
import { deliverabilityAlertOf } from "@/lib/deliverability/alerts";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table } from "@/components/ui/table";
import { requirePlatformAdmin } from "@/lib/http/session";
import { listGoLiveRequests } from "@/lib/services/go-live";
import { Notice } from "@/components/ui/notice";
import { Confirmation } from "@/components/ui/confirmation";
import { approveGoLiveAction, archiveServiceAction, rejectGoLiveAction, suspendUserAction } from "./actions";
import { RejectGoLiveForm } from "./reject-go-live-form";
import { AdminTabs } from "./admin-tabs";
import { listAllServices, listAllUsers, platformFigures } from "@/lib/platform/admin-queries";
import { DateTime, formatDateTime } from "@/components/ui/date-time";
import { smsSpendThisMonth } from "@/lib/phone-numbers/spend";

export const metadata: Metadata = { title: "Platform admin" };

const date = (value: Date | null) => (value ? formatDateTime(value, "day") : "never");

export default async function PlatformAdminPage({
  searchParams,
}: {
  searchParams: Promise<{ search?: string; reject?: string; archive?: string; done?: string }>;
}) {
  const admin = await requirePlatformAdmin();
  const query = await searchParams;
  const search = query.search?.trim().slice(0, 200) || undefined;
  const [figures, services, users, goLiveRequests, spend] = await Promise.all([
    platformFigures(),
    listAllServices(search),
    listAllUsers(search),
    listGoLiveRequests(),
    smsSpendThisMonth(),
  ]);
  const dollars = (value: number) => `$${value.toFixed(2)}`;
  const toReject = goLiveRequests.find((request) => request.serviceId === query.reject);
  const toArchive = services.find((service) => service.id === query.archive && service.active);
  const alerts = await Promise.all(services.map((service) => deliverabilityAlertOf(service.id)));

  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">Platform admin</h1>
      <AdminTabs current="/admin" />
      <div className="mb-8 grid gap-4 sm:grid-cols-3">
        {[
          {
            label: "Services",
            value: figures.services,
            detail: `${figures.liveServices} live, ${figures.trialServices} in trial mode`,
          },
          {
            label: "Emails in the last 7 days",
            value: figures.emails,
            detail: `${figures.emailsFailed.toLocaleString("en-GB")} failed`,
          },
          {
            label: "Text messages in the last 7 days",
            value: figures.texts,
            detail: `${figures.textsFailed.toLocaleString("en-GB")} failed`,
          },
        ].map((figure) => (
          <section key={figure.label} aria-label={figure.label} className="border-t-4 border-brand bg-gray-50 p-4">
            <h2 className="text-lg font-bold">{figure.label}</h2>
            <p className="text-4xl font-bold">{figure.value.toLocaleString("en-GB")}</p>
            <p className="text-muted">{figure.detail}</p>
          </section>
        ))}
      </div>
      <section aria-labelledby="sms-spend" className="mb-8">
        <h2 id="sms-spend" className="mb-2 text-2xl font-bold">
          Text message spend this month
        </h2>
        {spend.warning && (
          <Notice tone="warning">
            Text messages have cost {Math.floor((spend.spent / spend.limit!) * 100)}% of the account&apos;s monthly
            spend limit. AWS stops sending when the limit is reached: ask AWS to raise it.
          </Notice>
        )}
        <p className="text-lg">
          {dollars(spend.spent)} so far
          {spend.limit !== null
            ? ` of the ${dollars(spend.limit)} monthly limit AWS enforces.`
            : spend.problem
              ? `. Tidings could not ask AWS for the spend limit: ${spend.problem}`
              : ". No AWS account is configured, so there is no spend limit."}
        </p>
      </section>
      <h2 className="mb-3 text-2xl font-bold">Requests to go live ({goLiveRequests.length})</h2>
      {query.done === "rejected" && <Notice>The request was rejected. The service’s team can see why.</Notice>}
      {toReject && (
        <RejectGoLiveForm
          submit={rejectGoLiveAction}
          serviceId={toReject.serviceId}
          serviceName={toReject.serviceName}
        />
      )}
      {goLiveRequests.length === 0 ? (
        <p className="mb-8 text-lg text-muted">No service is waiting to go live.</p>
      ) : (
        <ul className="mb-8 divide-y divide-line border-y border-line">
          {goLiveRequests.map((request) => (
            <li key={request.serviceId} className="flex flex-wrap items-start justify-between gap-4 py-3">
              <div>
                <Link href={`/services/${request.serviceId}`} className="text-lg font-bold">
                  {request.serviceName}
                </Link>
                <p className="text-muted">
                  Asked <DateTime value={request.requestedAt} precision="day" />
                  {request.requestedBy ? ` by ${request.requestedBy}` : ""} ·{" "}
                  {request.emailsPerYear.toLocaleString("en-GB")} emails and{" "}
                  {request.textsPerYear.toLocaleString("en-GB")} text messages a year
                </p>
                <p>{request.purpose}</p>
              </div>
              <div className="flex items-center gap-6">
                <form action={approveGoLiveAction}>
                  <input type="hidden" name="serviceId" value={request.serviceId} />
                  <SubmitButton>
                    Make live<span className="sr-only"> {request.serviceName}</span>
                  </SubmitButton>
                </form>
                <Link
                  href={`/admin?reject=${request.serviceId}#reject`}
                  className="text-lg"
                  aria-label={`Reject the request of ${request.serviceName}`}
                >
                  Reject
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}

      <form method="get" className="mb-8 flex items-end gap-3" role="search">
        <div>
          <label htmlFor="search" className="block text-lg font-bold">
            Find services and people
          </label>
          <input
            id="search"
            name="search"
            type="search"
            defaultValue={search ?? ""}
            className="border-2 border-ink px-2 py-1 text-lg"
          />
        </div>
        <button type="submit" className="bg-gray-200 px-4 py-2 text-lg font-bold">
          Search
        </button>
      </form>

      <h2 className="mb-3 text-2xl font-bold">Services ({services.length})</h2>
      {query.done === "archived" && <Notice>The service was archived.</Notice>}
      {toArchive && (
        <Confirmation
          title={`Archive ‘${toArchive.name}’?`}
          action={archiveServiceAction}
          fields={{ serviceId: toArchive.id }}
          confirmLabel="Yes, archive the service"
          cancelHref="/admin"
        >
          <p>
            Its API keys stop working at once and messages not yet sent are not sent. Its team can still read its
            activity. This cannot be undone from the console.
          </p>
        </Confirmation>
      )}
      <Table
        caption="Services"
        hideCaption
        className="mb-10"
        rows={services.map((service, index) => ({ ...service, alert: alerts[index]! }))}
        rowKey={(service) => service.id}
        empty={search ? `No service matches “${search}”.` : "No services yet."}
        columns={[
          { header: "Name", cell: (service) => <Link href={`/services/${service.id}`}>{service.name}</Link> },
          {
            header: "Status",
            cell: (service) => (
              <>
                {!service.active ? "Archived" : service.trialMode ? "Trial mode" : "Live"}
                {(service.alert.bounce || service.alert.complaint) && (
                  <Link href={`/services/${service.id}/deliverability`} className="ml-2 font-bold text-error">
                    {service.alert.bounce ? "High bounce rate" : "High complaint rate"}
                  </Link>
                )}
              </>
            ),
          },
          { header: "Members", cell: (service) => service._count.members, numeric: true },
          { header: "Created", cell: (service) => date(service.createdAt) },
          {
            header: "Actions",
            hideHeader: true,
            cell: (service) =>
              service.active ? (
                <Link href={`/admin?archive=${service.id}#confirm`} aria-label={`Archive ${service.name}`}>
                  Archive
                </Link>
              ) : null,
          },
        ]}
      />

      <h2 className="mb-3 text-2xl font-bold">People ({users.length})</h2>
      {query.done === "suspended" && <Notice>The account was suspended and signed out everywhere.</Notice>}
      {query.done === "reactivated" && <Notice>The account was reactivated: it can sign in again.</Notice>}
      <Table
        caption="People"
        hideCaption
        rows={users}
        rowKey={(user) => user.id}
        empty={search ? `No one matches “${search}”.` : "No one has an account yet."}
        columns={[
          {
            header: "Name",
            cell: (user) => (
              <>
                {user.name}
                {user.isPlatformAdmin && <span className="ml-2 text-muted">(platform admin)</span>}
                {user.lockedUntil && user.lockedUntil > new Date() && (
                  <span className="ml-2 font-bold text-error">locked</span>
                )}
                {user.suspendedAt && <span className="ml-2 font-bold text-error">suspended</span>}
              </>
            ),
          },
          { header: "Email", cell: (user) => user.email, className: "break-all" },
          { header: "Services", cell: (user) => user._count.memberships, numeric: true },
          { header: "Last signed in", cell: (user) => date(user.lastSignedInAt) },
          {
            header: "Suspend or reactivate",
            hideHeader: true,
            cell: (user) =>
              user.id === admin.id ? null : (
                <form action={suspendUserAction}>
                  <input type="hidden" name="userId" value={user.id} />
                  <input type="hidden" name="change" value={user.suspendedAt ? "reactivate" : "suspend"} />
                  <button
                    type="submit"
                    className="text-lg text-brand underline"
                    aria-label={`${user.suspendedAt ? "Reactivate" : "Suspend"} ${user.name}`}
                  >
                    {user.suspendedAt ? "Reactivate" : "Suspend"}
                  </button>
                </form>
              ),
          },
        ]}
      />
    </>
  );
}
