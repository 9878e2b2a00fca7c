import "server-only";
import { stringify } from "csv-stringify";
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
  const csv = stringify({ header: true, columns: COLUMNS });
  void (async () => {
    try {
      for await (const rows of allNotifications(serviceId, filters)) {
        for (const row of rows) {
          if (
            !csv.write([
              row.recipient,
              row.clientReference ?? "",
              row.templateName,
              row.type === "email" ? "email" : "text message",
              statusName(row.status),
              statusLabel(row.status),
              row.createdAt.toISOString(),
              row.id,
            ])
          ) {
            await new Promise((resolve) => csv.once("drain", resolve));
          }
        }
      }
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  })();
  return new ReadableStream({
    start(controller) {
      csv.on("data", (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
      csv.on("end", () => controller.close());
      csv.on("error", (error) => controller.error(error));
    },
  });
}
