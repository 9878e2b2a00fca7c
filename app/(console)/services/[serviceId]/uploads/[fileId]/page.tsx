import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Table } from "@/components/ui/table";
import { requireServiceAccess } from "@/lib/http/session";
import { MAX_SCHEDULE_DAYS } from "@/lib/jobs/create-job";
import type { RowInError } from "@/lib/recipient-files/check-rows";
import { findRecipientFile } from "@/lib/recipient-files/queries";
import { sendFileAction } from "../actions";
import { SendForm } from "../forms";

export const metadata: Metadata = { title: "Check your file" };

/** Whole hours from the next one to midnight 7 days ahead, as Notify offers them. */
function scheduleTimes(now = new Date()) {
  const times: { value: string; label: string }[] = [];
  const first = new Date(now);
  first.setUTCMinutes(0, 0, 0);
  first.setUTCHours(first.getUTCHours() + 1);
  for (let at = first; at.getTime() <= now.getTime() + MAX_SCHEDULE_DAYS * 86_400_000;) {
    times.push({
      value: at.toISOString(),
      label: `${at.toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" })} at ${at.toISOString().slice(11, 16)} UTC`,
    });
    at = new Date(at.getTime() + 3_600_000);
  }
  return times;
}

export default async function RecipientFilePage({
  params,
}: {
  params: Promise<{ serviceId: string; fileId: string }>;
}) {
  const { serviceId, fileId } = await params;
  await requireServiceAccess(serviceId, "send_messages");
  const file = await findRecipientFile(serviceId, fileId);
  if (!file) notFound();
  if (file.sentAsJobId) redirect(`/services/${serviceId}/jobs/${file.sentAsJobId}`);
  const uploadAgain = file.templateId ? `/services/${serviceId}/send/${file.templateId}/upload` : null;
  const noun = file.type === "email" ? "email" : "text message";

  if (file.status === "checking")
    return (
      <>
        {/* Follows the check without JavaScript: the page reloads itself until it is done. */}
        <meta httpEquiv="refresh" content="1" />
        <h1 className="mb-6 text-3xl font-bold">Checking ‘{file.originalName}’</h1>
        <ProgressBar label="Checked" percent={file.percent} />
        <p className="text-lg">{file.rowsChecked.toLocaleString("en-GB")} rows checked so far.</p>
      </>
    );

  if (file.status === "invalid")
    return (
      <>
        <h1 className="mb-6 text-3xl font-bold">There is a problem with ‘{file.originalName}’</h1>
        <div role="alert" className="mb-8 border-4 border-error p-4 text-lg">
          {file.fileErrorList.length > 0 ? (
            <ul className="list-disc space-y-1 pl-6">
              {file.fileErrorList.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>
          ) : (
            <p>
              {file.errorRowCount.toLocaleString("en-GB")} of {file.rowCount?.toLocaleString("en-GB")}{" "}
              {file.errorRowCount === 1 ? "row has" : "rows have"} errors. Fix them and upload the file again: nothing
              has been sent.
            </p>
          )}
        </div>
        {file.rowsInError.length > 0 && (
          <Table<RowInError>
            caption={
              file.errorRowCount > file.rowsInError.length
                ? `The first ${file.rowsInError.length} rows with errors`
                : "Rows with errors"
            }
            className="mb-8"
            columns={[
              { header: "Row", cell: (row) => row.rowNumber, numeric: true },
              ...file.columnsList.map((column, index) => ({
                header: column,
                className: "break-all",
                cell: (row: RowInError) => (
                  <>
                    {row.cells[index] || <span className="text-muted">(empty)</span>}
                    {row.cellErrors[index] && (
                      <span className="block font-bold text-error">{row.cellErrors[index]}</span>
                    )}
                  </>
                ),
              })),
              file.rowsInError.some((row) => row.rowError) && {
                header: "Message",
                cell: (row: RowInError) =>
                  row.rowError ? <span className="font-bold text-error">{row.rowError}</span> : null,
              },
            ]}
            rows={file.rowsInError}
            rowKey={(row) => String(row.rowNumber)}
            empty={null}
          />
        )}
        {uploadAgain && (
          <p className="text-lg">
            <Link href={uploadAgain} className="font-bold">
              Upload your file again
            </Link>
          </p>
        )}
      </>
    );

  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">‘{file.originalName}’ is ready to send</h1>
      <p className="mb-6 text-lg">
        {file.rowCount?.toLocaleString("en-GB")} {file.rowCount === 1 ? noun : `${noun}s`} using ‘{file.templateName}’.
      </p>
      <Table<{ rowNumber: number; cells: string[] }>
        caption={file.preview.length < (file.rowCount ?? 0) ? `The first ${file.preview.length} rows` : "Rows"}
        className="mb-8"
        columns={[
          { header: "Row", cell: (row) => row.rowNumber, numeric: true },
          ...file.columnsList.map((column, index) => ({
            header: column,
            className: "break-all",
            cell: (row: { cells: string[] }) => row.cells[index] ?? "",
          })),
        ]}
        rows={file.preview}
        rowKey={(row) => String(row.rowNumber)}
        empty={null}
      />
      {file.templateId ? (
        <SendForm
          submit={sendFileAction.bind(null, serviceId, fileId)}
          times={scheduleTimes()}
          label={`Send ${file.rowCount?.toLocaleString("en-GB")} ${file.rowCount === 1 ? noun : `${noun}s`}`}
        />
      ) : null}
    </>
  );
}
