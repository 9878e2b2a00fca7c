import "server-only";
import { csvStream } from "@/lib/csv/csv-stream";
import type { Job, RecipientFile } from "@/lib/generated/prisma/client";
import { statusLabel } from "@/lib/notifications/status-labels";
import { recipientFileSource } from "@/lib/recipient-files/recipient-source";
import { jobReportRows } from "./queries";

const NOT_SENT = "Not sent";
const REMOVED = "(removed after the data retention period)";

/** Why the rows a stopped job never reached were not sent. */
function stoppedReason(job: Pick<Job, "status" | "errorMessage">): string | null {
  if (job.status === "cancelled") return "The job was cancelled before it was sent";
  if (job.status === "sending_limits_exceeded" || job.status === "error")
    return job.errorMessage ?? "The job stopped before this row was sent";
  return null;
}

/**
 * Every row's outcome as CSV (row number, recipient, status, time, and why a row was not sent),
 * streamed page by page: each notification, each row refused as the job was expanded, and, for a
 * job that stopped (cancelled, the daily limit reached), each row it never reached, read from its file.
 */
export function jobReportCsv(
  serviceId: string,
  job: Pick<Job, "id" | "status" | "errorMessage" | "resumeAfterRow" | "finishedAt"> & {
    file: Pick<RecipientFile, "bucket" | "objectKey" | "originalName" | "type" | "objectDeletedAt">;
  },
): ReadableStream<Uint8Array> {
  return csvStream(
    ["Row number", "Recipient", "Status", "Time (UTC)", "Reason"],
    (async function* () {
      for await (const row of jobReportRows(serviceId, job.id))
        yield [
          String(row.rowNumber),
          row.recipient ?? REMOVED,
          row.status ? statusLabel(row.status) : NOT_SENT,
          row.at.toISOString(),
          row.reason ?? "",
        ];
      const reason = stoppedReason(job);
      // A file past its retention is gone, and with it the rows never reached.
      if (!reason || job.file.objectDeletedAt) return;
      const at = (job.finishedAt ?? new Date()).toISOString();
      for await (const row of recipientFileSource(job.file).rows(job.resumeAfterRow))
        yield [String(row.rowNumber), row.recipient, NOT_SENT, at, reason];
    })(),
  );
}
