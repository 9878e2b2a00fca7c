import "server-only";
import { AppError } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { parseSubscriberRow } from "./parse-subscriber";
import { findMailingList } from "./queries";
import { storeSubscribers } from "./store-subscribers";

export type SubscriberInput = { email: string; name?: string | null; attributes?: Record<string, unknown> };

/**
 * Adds one person to a list, or updates them if their address is on it already. Needs "send
 * messages". Also what the API's POST /v2/lists/{id}/subscribers does (addSubscriberByApi).
 */
export async function addSubscriber({
  actor,
  serviceId,
  listId,
  subscriber,
}: ServiceWrite<{ listId: string; subscriber: SubscriberInput }>): Promise<{ added: boolean }> {
  await requireServicePermission(actor, serviceId, "send_messages");
  return putSubscriber(serviceId, listId, subscriber);
}

/** The API's add: the API key is the permission, the list must be the key's service's. */
export async function addSubscriberByApi(serviceId: string, listId: string, subscriber: SubscriberInput) {
  return putSubscriber(serviceId, listId, subscriber);
}

async function putSubscriber(serviceId: string, listId: string, input: SubscriberInput): Promise<{ added: boolean }> {
  await findMailingList(serviceId, listId);
  const row = parseSubscriberRow({ ...(input.attributes ?? {}), email: input.email, name: input.name ?? "" });
  if ("error" in row) throw new AppError("validation", row.error, { email: row.error });
  const { added } = await storeSubscribers(serviceId, listId, [row]);
  return { added: added === 1 };
}
