import "server-only";
import { csvStream } from "@/lib/csv/csv-stream";
import { EXPORT_SINCE_COLUMN, EXPORT_STATUS_COLUMN } from "./parse-subscriber";
import { allSubscribers, listAttributeNames } from "./queries";

/**
 * A list's subscribers as CSV: the import's columns (email address, name, attributes), then each
 * person's status and since when. Imported again (into this list or another), it keeps everyone's
 * status: who unsubscribed, bounced or complained is not subscribed by it.
 */
export async function subscribersCsv(serviceId: string, listId: string): Promise<ReadableStream<Uint8Array>> {
  const attributes = (await listAttributeNames(serviceId, listId)).slice(2);
  return csvStream(
    ["email address", "name", ...attributes, EXPORT_STATUS_COLUMN, EXPORT_SINCE_COLUMN],
    (async function* () {
      for await (const page of allSubscribers(serviceId, listId))
        yield* page.map((subscriber) => [
          subscriber.email,
          subscriber.name ?? "",
          ...attributes.map((name) => String(subscriber.attributes[name] ?? "")),
          subscriber.status,
          subscriber.createdAt.toISOString(),
        ]);
    })(),
  );
}
