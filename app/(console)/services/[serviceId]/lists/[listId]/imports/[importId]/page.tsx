import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Table } from "@/components/ui/table";
import { requireServiceAccess } from "@/lib/http/session";
import { findMailingList, findSubscriberImport } from "@/lib/mailing-lists/queries";

export const metadata: Metadata = { title: "Import of subscribers" };

const count = (value: number, one: string, many: string) =>
  `${value.toLocaleString("en-GB")} ${value === 1 ? one : many}`;

export default async function SubscriberImportPage({
  params,
}: {
  params: Promise<{ serviceId: string; listId: string; importId: string }>;
}) {
  const { serviceId, listId, importId } = await params;
  await requireServiceAccess(serviceId, "send_messages");
  const list = await findMailingList(serviceId, listId);
  const found = await findSubscriberImport(serviceId, listId, importId);
  if (!found) notFound();
  const listHref = `/services/${serviceId}/lists/${listId}`;
  const back = (
    <p className="mb-2">
      <Link href={listHref}>{list.name}</Link>
    </p>
  );

  if (found.status === "importing")
    return (
      <>
        {/* Follows the import without JavaScript: the page reloads itself until it is done. */}
        <meta httpEquiv="refresh" content="1" />
        {back}
        <h1 className="mb-6 text-3xl font-bold">Importing ‘{found.originalName}’</h1>
        <ProgressBar label="Imported" percent={found.percent} />
        <p className="text-lg">{count(found.rowsRead, "row", "rows")} read so far.</p>
      </>
    );

  return (
    <>
      {back}
      <h1 className="mb-6 text-3xl font-bold">
        {found.status === "done"
          ? `‘${found.originalName}’ was imported`
          : `There is a problem with ‘${found.originalName}’`}
      </h1>
      {found.error && (
        <div role="alert" className="mb-6 border-4 border-error p-4 text-lg">
          <p>{found.error}</p>
          {found.added + found.updated > 0 && (
            <p className="mt-2">
              The rows before the problem were imported: {count(found.added, "new subscriber", "new subscribers")},{" "}
              {found.updated.toLocaleString("en-GB")} updated.
            </p>
          )}
        </div>
      )}
      {found.status === "done" && (
        <dl className="mb-8 grid max-w-xl grid-cols-[1fr_max-content] gap-x-6 gap-y-2 text-lg">
          <dt className="font-bold">New subscribers</dt>
          <dd className="text-right tabular-nums">{found.added.toLocaleString("en-GB")}</dd>
          <dt className="font-bold">Updated (already on the list; anyone unsubscribed stays so)</dt>
          <dd className="text-right tabular-nums">{found.updated.toLocaleString("en-GB")}</dd>
          <dt className="font-bold">Rows not imported</dt>
          <dd className="text-right tabular-nums">{found.invalidCount.toLocaleString("en-GB")}</dd>
        </dl>
      )}
      {found.invalidRowList.length > 0 && (
        <Table<{ row: number; message: string }>
          caption={
            found.invalidCount > found.invalidRowList.length
              ? `The first ${found.invalidRowList.length.toLocaleString("en-GB")} rows not imported`
              : "Rows not imported"
          }
          className="mb-8"
          columns={[
            { header: "Row", cell: (row) => row.row, numeric: true },
            { header: "Why", cell: (row) => row.message },
          ]}
          rows={found.invalidRowList}
          rowKey={(row) => String(row.row)}
          empty={null}
        />
      )}
      <p className="text-lg">
        <Link href={listHref} className="font-bold">
          {found.status === "done" ? "Back to the list" : "Import another file"}
        </Link>
      </p>
    </>
  );
}
