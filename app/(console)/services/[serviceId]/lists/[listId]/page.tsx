import type { Metadata } from "next";
import Link from "next/link";
import { Confirmation } from "@/components/ui/confirmation";
import { Notice } from "@/components/ui/notice";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { requireServiceAccess } from "@/lib/http/session";
import { countAudience } from "@/lib/mailing-lists/audience";
import { findMailingList, listAttributeNames, listSubscribers } from "@/lib/mailing-lists/queries";
import { listSegments } from "@/lib/mailing-lists/segments";
import { MAX_ROWS } from "@/lib/recipient-files/check-rows";
import { ACCEPTED_FILE_TYPES } from "@/lib/recipient-files/read-spreadsheet";
import { UploadForm } from "../../uploads/forms";
import {
  addSubscriberAction,
  finishDirectImportAction,
  importSubscribersAction,
  removeSubscriberAction,
  segmentAction,
  startDirectImportAction,
} from "../actions";
import { AddSubscriberForm, SegmentForm } from "../list-forms";

export const metadata: Metadata = { title: "Mailing list" };

const STATUS_LABELS = {
  subscribed: "Subscribed",
  unsubscribed: "Unsubscribed",
  bounced: "Bounced",
  complained: "Complained",
};
const OPERATOR_LABELS = {
  equals: "is",
  contains: "contains",
  is_set: "has any value",
  before: "is before",
  after: "is after",
};

export default async function MailingListPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string; listId: string }>;
  searchParams: Promise<{ page?: string; search?: string; remove?: string; done?: string }>;
}) {
  const { serviceId, listId } = await params;
  const query = await searchParams;
  await requireServiceAccess(serviceId, "send_messages");
  const list = await findMailingList(serviceId, listId);
  const page = Math.max(1, Number(query.page) || 1);
  const [{ subscribers, total }, segments, fields] = await Promise.all([
    listSubscribers(serviceId, listId, { search: query.search, page }),
    listSegments(serviceId, listId),
    listAttributeNames(serviceId, listId),
  ]);
  const counts = await Promise.all(segments.map((segment) => countAudience(serviceId, [{ listId, segment }])));
  const base = `/services/${serviceId}/lists/${listId}`;
  const pageHref = (to: number) =>
    `${base}?page=${to}${query.search ? `&search=${encodeURIComponent(query.search)}` : ""}`;

  return (
    <>
      <p className="mb-2">
        <Link href={`/services/${serviceId}/lists`}>Mailing lists</Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">{list.name}</h1>
      {list.contactList && (
        <Notice tone="info">
          This list holds the contact list{" "}
          {list.contactList.deletedAt ? (
            `‘${list.contactList.name}’ (since deleted)`
          ) : (
            <Link href={`/services/${serviceId}/contact-lists/${list.contactList.id}`}>‘{list.contactList.name}’</Link>
          )}
          , copied in each time a campaign chooses it. Anyone who unsubscribed stays unsubscribed.
        </Notice>
      )}
      {query.done === "removed" && <Notice>Removed from the list.</Notice>}
      {query.remove && (
        <Confirmation
          title={`Remove ${query.remove} from ${list.name}?`}
          action={removeSubscriberAction.bind(null, serviceId, listId)}
          fields={{ email: query.remove }}
          confirmLabel="Yes, remove them"
          cancelHref={base}
        >
          <p>
            They will no longer be sent this list’s campaigns. To keep a record that they asked not to be emailed, let
            them unsubscribe instead.
          </p>
        </Confirmation>
      )}
      <p className="mb-6 text-lg">
        {total.toLocaleString("en-GB")} {query.search ? "matching" : "on this list"}.{" "}
        <a href={`${base}/export`}>Download the list as CSV</a>
      </p>
      <form method="get" className="mb-4 flex items-end gap-3">
        <label className="text-lg">
          <span className="block font-bold">Search by email address</span>
          <input
            name="search"
            type="search"
            defaultValue={query.search ?? ""}
            className="mt-1 block w-72 border-2 border-ink px-2 py-1.5"
          />
        </label>
        <button type="submit" className="bg-gray-200 px-4 py-2 text-lg font-bold shadow-[0_2px_0_#002d18]">
          Search
        </button>
      </form>
      <Table
        caption={`Subscribers of ${list.name}`}
        hideCaption
        className="mb-4"
        rows={subscribers}
        rowKey={(subscriber) => subscriber.id}
        empty={
          query.search
            ? "Nobody on this list has an address like that."
            : "Nobody is on this list yet. Add people or import a spreadsheet below."
        }
        columns={[
          { header: "Email address", cell: (subscriber) => subscriber.email, className: "break-all" },
          { header: "Name", cell: (subscriber) => subscriber.name ?? "" },
          { header: "Status", cell: (subscriber) => STATUS_LABELS[subscriber.status] },
          {
            header: "Attributes",
            cell: (subscriber) =>
              Object.entries(subscriber.attributes)
                .map(([name, value]) => `${name}: ${String(value)}`)
                .join(", "),
          },
          {
            header: "Remove",
            hideHeader: true,
            cell: (subscriber) => (
              <Link href={`${base}?remove=${encodeURIComponent(subscriber.email)}#confirm`}>
                Remove<span className="sr-only"> {subscriber.email}</span>
              </Link>
            ),
          },
        ]}
      />
      <Pagination
        label="Pages of subscribers"
        previous={page > 1 ? pageHref(page - 1) : null}
        next={page * 50 < total ? pageHref(page + 1) : null}
      />

      <h2 className="mb-4 mt-10 text-2xl font-bold">Add someone</h2>
      <AddSubscriberForm submit={addSubscriberAction.bind(null, serviceId, listId)} />

      <h2 className="mb-4 mt-10 text-2xl font-bold">Import from a spreadsheet</h2>
      <UploadForm
        to={{ submit: importSubscribersAction.bind(null, serviceId, listId) }}
        direct={{
          start: startDirectImportAction.bind(null, serviceId, listId),
          finish: finishDirectImportAction.bind(null, serviceId, listId),
        }}
        accept=".csv,.tsv,.xlsx,.xlsm,.ods"
        label="CSV file or spreadsheet"
        hint={`A column called “email address”, optionally “name”, and any others you want to use in your emails. People already on the list are updated; anyone who unsubscribed stays unsubscribed. ${ACCEPTED_FILE_TYPES}, up to ${MAX_ROWS.toLocaleString("en-GB")} rows and 100 MB.`}
        button="Import"
      />

      <h2 className="mb-4 mt-10 text-2xl font-bold">Segments</h2>
      <p className="mb-4 text-lg">
        A segment narrows the list by its subscribers’ attributes, for a campaign to a part of it.
      </p>
      <Table
        caption="Segments of this list"
        hideCaption
        className="mb-6"
        rows={segments.map((segment, index) => ({ ...segment, count: counts[index]! }))}
        rowKey={(segment) => segment.id}
        empty="No segments yet."
        columns={[
          { header: "Segment", cell: (segment) => segment.name },
          {
            header: "Conditions",
            cell: (segment) =>
              segment.conditions
                .map(
                  (condition) =>
                    `${condition.field} ${OPERATOR_LABELS[condition.operator]}${condition.operator === "is_set" ? "" : ` “${condition.value}”`}`,
                )
                .join(segment.match === "all" ? " and " : " or "),
          },
          {
            header: "Can be sent to now",
            cell: (segment) => segment.count.sendable.toLocaleString("en-GB"),
            numeric: true,
          },
        ]}
      />
      <h3 className="mb-4 text-xl font-bold">Make a segment</h3>
      <SegmentForm submit={segmentAction.bind(null, serviceId, listId)} fields={fields} />
    </>
  );
}
