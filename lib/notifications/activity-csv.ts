import "server-only";
import { csvStream } from "@/lib/csv/csv-stream";
import { statusLabel } from "./status-labels";
import { allNotifications, type ActivityFilters } from "./activity";
import { statusName } from "@/lib/notify-format/status-names";

const COLUMNS = [
  "Recipient",
  "Reference",
  "Template",
  "Type",
  "Status",
  "Status description",
  "Created (UTC)",
  "Notification ID",
];

/** The filtered activity as CSV, produced batch by batch so that a large export never sits in memory. */
export function activityCsv(serviceId: string, filters: ActivityFilters): ReadableStream<Uint8Array> {
  return csvStream(
    COLUMNS,
    (async function* () {
      for await (const rows of allNotifications(serviceId, filters))
        for (const row of rows)
          yield [
            row.recipient,
            row.clientReference ?? "",
            row.templateName,
            row.type === "email" ? "email" : "text message",
            statusName(row.status),
            statusLabel(row.status),
            row.createdAt.toISOString(),
            row.id,
          ];
    })(),
  );
}
