import "server-only";
import { csvStream } from "@/lib/csv/csv-stream";
import { allSubscribers, listAttributeNames } from "./queries";

/**
 * A list's subscribers as CSV: the import's columns (email address, name, attributes), then each
 * person's status and since when. An import reads those last two as attributes, and does not
 * unsubscribe the people marked unsubscribed: remove those rows before importing an export.
 */
export async function subscribersCsv(serviceId: string, listId: string): Promise<ReadableStream<Uint8Array>> {
  const attributes = (await listAttributeNames(serviceId, listId)).slice(2);
  return csvStream(
    ["email address", "name", ...attributes, "status", "subscribed since (UTC)"],
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
