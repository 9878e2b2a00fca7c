import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { Table } from "@/components/ui/table";
import { requireServiceAccess } from "@/lib/http/session";
import { listMailingLists } from "@/lib/mailing-lists/queries";
import { createListAction } from "./actions";
import { CreateListForm } from "./list-forms";

export const metadata: Metadata = { title: "Mailing lists" };

export default async function MailingListsPage({ params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  await requireServiceAccess(serviceId, "send_messages");
  const lists = await listMailingLists(serviceId);
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">Mailing lists</h1>
      <p className="mb-6 text-lg">People who asked for your emails. Campaigns send to one or more of these lists.</p>
      <Table
        caption="Your mailing lists"
        hideCaption
        className="mb-10"
        rows={lists}
        rowKey={(list) => list.id}
        empty="You have no mailing lists yet. Create one below, then add people or import them from a spreadsheet."
        columns={[
          { header: "List", cell: (list) => <Link href={`/services/${serviceId}/lists/${list.id}`}>{list.name}</Link> },
          { header: "Subscribed", cell: (list) => list.subscribed.toLocaleString("en-GB"), numeric: true },
          { header: "Everyone on it", cell: (list) => list.total.toLocaleString("en-GB"), numeric: true },
          {
            header: "Last changed",
            cell: (list) => <DateTime value={list.updatedAt} />,
            className: "whitespace-nowrap",
          },
        ]}
      />
      <h2 className="mb-4 text-2xl font-bold">Create a list</h2>
      <CreateListForm submit={createListAction.bind(null, serviceId)} />
    </>
  );
}
