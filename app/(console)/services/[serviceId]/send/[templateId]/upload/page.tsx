import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { requireServiceAccess } from "@/lib/http/session";
import { oneOffOptions } from "@/lib/notifications/send-one-off";
import { MAX_ROWS } from "@/lib/recipient-files/check-rows";
import { uploadErrorOf } from "@/lib/recipient-files/form-upload";
import { RECIPIENT_COLUMN } from "@/lib/recipient-files/columns";
import { ACCEPTED_FILE_TYPES } from "@/lib/recipient-files/read-spreadsheet";
import { finishDirectUploadAction, startDirectUploadAction } from "../../../uploads/actions";
import { UploadForm } from "../../../uploads/forms";

export const metadata: Metadata = { title: "Upload a list of recipients" };

export default async function UploadRecipientsPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string; templateId: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  const { serviceId, templateId } = await params;
  const { error } = await searchParams;
  await requireServiceAccess(serviceId, "send_messages");
  const options = await oneOffOptions(serviceId, templateId).catch((error: unknown) =>
    isAppError(error, "not_found") ? null : Promise.reject(error),
  );
  if (!options) notFound();
  const columns = [RECIPIENT_COLUMN[options.template.type], ...options.placeholders];
  return (
    <>
      <p className="mb-2">
        <Link href={`/services/${serviceId}/templates/${templateId}`}>{options.template.name}</Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">Upload a list of recipients</h1>
      <p className="mb-4 max-w-2xl text-lg">
        Your file needs a row of column headings, then one row for each person. It must have these columns (in any
        order; other columns are fine):
      </p>
      <ul className="mb-6 list-disc pl-8 text-lg">
        {columns.map((column) => (
          <li key={column}>
            <code>{column}</code>
          </li>
        ))}
      </ul>
      <p className="mb-6 max-w-2xl text-lg">
        We check every row before anything is sent. Up to {MAX_ROWS.toLocaleString("en-GB")} rows.
      </p>
      <UploadForm
        to={{ url: `/services/${serviceId}/send/${templateId}/upload/file`, error: uploadErrorOf(error) }}
        direct={{
          start: startDirectUploadAction.bind(null, serviceId, templateId),
          finish: finishDirectUploadAction.bind(null, serviceId, templateId),
        }}
        accept=".csv,.tsv,.xlsx,.xlsm,.ods"
        label="Spreadsheet of recipients"
        hint={`${ACCEPTED_FILE_TYPES}, up to 100 MB`}
        button="Upload file"
      />
    </>
  );
}
