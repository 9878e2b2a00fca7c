import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { Table } from "@/components/ui/table";
import { listContactLists, type ContactListView } from "@/lib/contact-lists/contact-lists";
import { requireServiceAccess } from "@/lib/http/session";
import { saveContactListAction } from "./actions";
import { ContactListForm } from "./forms";

export const metadata: Metadata = { title: "Contact lists" };

export default async function ContactListsPage({ params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  await requireServiceAccess(serviceId, "send_messages");
  const lists = await listContactLists(serviceId);
  return (
    <>
      <p className="mb-2">
        <Link href={`/services/${serviceId}/uploads`}>Uploads</Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">Contact lists</h1>
      <p className="mb-6 max-w-2xl text-lg">
        A contact list is a spreadsheet of recipients you keep to send to again. It stays until you delete it.
      </p>
      <Table<ContactListView>
        caption="Saved lists"
        className="mb-10"
        columns={[
          {
            header: "Name",
            className: "break-all",
            cell: (list) => <Link href={`/services/${serviceId}/contact-lists/${list.id}`}>{list.name}</Link>,
          },
          { header: "Holds", cell: (list) => (list.file.type === "email" ? "Email addresses" : "Mobile numbers") },
          {
            header: "Rows",
            numeric: true,
            cell: (list) =>
              list.file.status === "checking"
                ? "Checking…"
                : list.file.status === "invalid"
                  ? "Has errors"
                  : (list.file.rowCount ?? 0).toLocaleString("en-GB"),
          },
          {
            header: "Last used",
            className: "whitespace-nowrap",
            cell: (list) => (list.lastUsedAt ? <DateTime value={list.lastUsedAt} /> : "Not used yet"),
          },
        ]}
        rows={lists}
        rowKey={(list) => list.id}
        empty="You have not saved any contact lists yet."
      />
      <h2 className="mb-4 text-2xl font-bold">Save a new list</h2>
      <ContactListForm submit={saveContactListAction.bind(null, serviceId)} />
    </>
  );
}
