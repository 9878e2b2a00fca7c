import "server-only";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/validation";
import type { RowInError } from "./check-rows";

/** One of the service's files with what its check found, and how far the check has gone (0–100). */
export async function findRecipientFile(serviceId: string, fileId: string) {
  if (!isUuid(fileId)) return null;
  const file = await db.recipientFile.findFirst({
    where: { id: fileId, serviceId },
    include: { jobs: { select: { id: true }, take: 1 } },
  });
  if (!file) return null;
  const template = file.templateId
    ? await db.template.findFirst({ where: { id: file.templateId, serviceId }, select: { name: true } })
    : null;
  const percent =
    file.status === "checking"
      ? Math.min(99, Math.floor((file.bytesChecked / Math.max(1, file.sizeBytes)) * 100))
      : 100;
  return {
    ...file,
    templateName: template?.name ?? null,
    percent,
    columnsList: (file.columns as string[] | null) ?? [],
    fileErrorList: (file.fileErrors as string[] | null) ?? [],
    rowsInError: (file.rowErrors as RowInError[] | null) ?? [],
    preview: (file.previewRows as { rowNumber: number; cells: string[] }[] | null) ?? [],
    sentAsJobId: file.jobs[0]?.id ?? null,
  };
}
