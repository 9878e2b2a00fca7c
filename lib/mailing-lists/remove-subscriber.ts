import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { normaliseEmailAddress } from "@/lib/recipients/email";
import { findMailingList } from "./queries";

/** Takes a person off a list altogether (rather than marking them unsubscribed). Needs "send messages". */
export async function removeSubscriber({
  actor,
  serviceId,
  listId,
  email,
}: ServiceWrite<{ listId: string; email: string }>): Promise<void> {
  await requireServicePermission(actor, serviceId, "send_messages");
  await deleteSubscriber(serviceId, listId, email);
}

/** The API's removal (DELETE /v2/lists/{id}/subscribers/{email}): the API key is the permission. */
export async function removeSubscriberByApi(serviceId: string, listId: string, email: string): Promise<void> {
  await deleteSubscriber(serviceId, listId, email);
}

async function deleteSubscriber(serviceId: string, listId: string, email: string): Promise<void> {
  await findMailingList(serviceId, listId);
  const { count } = await db.subscriber.deleteMany({
    where: { serviceId, listId, normalisedEmail: normaliseEmailAddress(email) },
  });
  if (count === 0) throw notFound("Subscriber");
}
