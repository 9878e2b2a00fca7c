import type { Metadata } from "next";
import Link from "next/link";
import { Confirmation } from "@/components/ui/confirmation";
import { DateTime } from "@/components/ui/date-time";
import { Notice } from "@/components/ui/notice";
import { Table } from "@/components/ui/table";
import { requireServiceAccess } from "@/lib/http/session";
import { NUMBER_STATUS_LABELS, NUMBER_TYPE_LABELS } from "@/lib/phone-numbers/options";
import { listOptedOutNumbers, phoneNumbersOfService } from "@/lib/phone-numbers/queries";
import { removeOptedOutNumberAction } from "./actions";

export const metadata: Metadata = { title: "Phone numbers" };

export default async function ServicePhoneNumbersPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ remove?: string; removed?: string }>;
}) {
  const { serviceId } = await params;
  const { access } = await requireServiceAccess(serviceId);
  const search = await searchParams;
  const canSeeOptOuts = access.permissions.has("view_activity");
  const canRemove = access.permissions.has("manage_service");
  const [numbers, optedOut] = await Promise.all([
    phoneNumbersOfService(serviceId),
    canSeeOptOuts ? listOptedOutNumbers(serviceId) : Promise.resolve([]),
  ]);
  const toRemove = canRemove ? optedOut.find((entry) => entry.id === search.remove) : undefined;
  const base = `/services/${serviceId}/phone-numbers`;

  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">Phone numbers</h1>
      <p className="mb-6 text-lg">
        The numbers your service sends texts from and receives them on. A platform administrator gives a service its
        numbers.
      </p>
      <Table
        caption="Your service's phone numbers"
        hideCaption
        className="mb-10"
        rows={numbers}
        rowKey={(number) => number.number}
        empty="Your service has no phone numbers of its own: texts come from the platform's sender."
        columns={[
          { header: "Number", cell: (number) => number.number, className: "font-bold whitespace-nowrap" },
          {
            header: "Type",
            cell: (number) => `${NUMBER_TYPE_LABELS[number.numberType] ?? number.numberType}, ${number.country}`,
          },
          { header: "Status", cell: (number) => NUMBER_STATUS_LABELS[number.status] ?? number.status },
          {
            header: "Used for",
            cell: (number) =>
              [
                number.asSender && (number.isDefaultSender ? "Sending (default sender)" : "Sending"),
                number.asInbound && "Receiving texts",
              ]
                .filter(Boolean)
                .join(", "),
          },
        ]}
      />
      {canSeeOptOuts && (
        <>
          <h2 id="opted-out" className="mb-2 text-2xl font-bold">
            Opted-out numbers
          </h2>
          <p className="mb-4 text-lg">
            People who texted STOP to one of your numbers, or whom a team member added. Your service does not text them,
            and neither does AWS from your numbers. Other services are not affected.
          </p>
          {search.removed && <Notice>The number was removed: your service can text it again.</Notice>}
          {toRemove && (
            <Confirmation
              title={`Remove ${toRemove.number} from the opted-out numbers?`}
              action={removeOptedOutNumberAction.bind(null, serviceId)}
              fields={{ entryId: toRemove.id }}
              confirmLabel="Yes, remove it"
              cancelHref={`${base}#opted-out`}
            >
              <p>
                Only do this if the person asked to receive your texts again. If they text STOP again, they are added
                back.
              </p>
            </Confirmation>
          )}
          <Table
            caption="Opted-out numbers, newest first"
            hideCaption
            rows={optedOut}
            rowKey={(entry) => entry.id}
            empty="No one has opted out of your service's texts."
            columns={[
              { header: "Number", cell: (entry) => entry.number, className: "whitespace-nowrap" },
              {
                header: "How",
                cell: (entry) => (entry.how === "keyword" ? "Texted STOP (or another opt-out word)" : "Added by hand"),
              },
              { header: "When", cell: (entry) => <DateTime value={entry.at} />, className: "whitespace-nowrap" },
              canRemove && {
                header: "Action",
                hideHeader: true,
                cell: (entry) => (
                  <Link href={`${base}?remove=${entry.id}#confirm`}>
                    Remove<span className="sr-only"> {entry.number}</span>
                  </Link>
                ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
