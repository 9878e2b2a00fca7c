import "server-only";
import { db, type DbClient, type DbTransaction } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { SubscriberStatus } from "@/lib/generated/prisma/enums";
import { readUnsubscribeToken, type UnsubscribeSubject } from "./unsubscribe-token";

export type Subscription = {
  email: string;
  listName: string;
  serviceName: string;
  subscribed: boolean;
};

async function subscriberOf(subject: UnsubscribeSubject, client: DbClient = db) {
  return client.subscriber.findFirst({
    where: { id: subject.subscriberId, listId: subject.listId },
    select: {
      id: true,
      email: true,
      status: true,
      list: { select: { name: true, service: { select: { name: true } } } },
    },
  });
}

function subjectOf(token: string): UnsubscribeSubject {
  const subject = readUnsubscribeToken(token);
  if (!subject) throw notFound("Unsubscribe link");
  return subject;
}

/** What an unsubscribe link is about, for its confirmation page; reading it changes nothing. */
export async function findSubscription(token: string): Promise<Subscription> {
  const subscriber = await subscriberOf(subjectOf(token));
  if (!subscriber) throw notFound("Unsubscribe link");
  return {
    email: subscriber.email,
    listName: subscriber.list.name,
    serviceName: subscriber.list.service.name,
    subscribed: subscriber.status === "subscribed",
  };
}

/**
 * Unsubscribes the person an unsubscribe link names from its list (RFC 8058 one-click, the
 * confirmation page's button, or an email to the unsubscribe mailbox, applied in the worker's
 * transaction): the signed token is the permission. Counted against the campaign that sent the
 * link. Doing it twice changes nothing.
 */
export async function unsubscribeByToken(token: string, client: DbClient = db): Promise<void> {
  const subject = subjectOf(token);
  const { count } = await client.subscriber.updateMany({
    where: { id: subject.subscriberId, listId: subject.listId, status: "subscribed" },
    data: { status: "unsubscribed", unsubscribedAt: new Date(), unsubscribedVia: subject.campaignId },
  });
  if (count === 0 && !(await subscriberOf(subject, client))) throw notFound("Unsubscribe link");
}

/** Puts someone who unsubscribed by mistake back on the list, from the same page. */
export async function resubscribeByToken(token: string): Promise<void> {
  const subject = subjectOf(token);
  const { count } = await db.subscriber.updateMany({
    where: { id: subject.subscriberId, listId: subject.listId, status: "unsubscribed" },
    data: { status: "subscribed", unsubscribedAt: null, unsubscribedVia: null },
  });
  if (count === 0 && !(await subscriberOf(subject))) throw notFound("Unsubscribe link");
}

/**
 * Takes an address off the lists a campaign notification was sent to, when SES reports a
 * complaint, an unsubscribe (a Subscription event) or a permanent bounce for it. A notification
 * of no campaign changes nothing.
 */
export async function leaveCampaignLists(
  tx: DbTransaction,
  notificationId: string,
  email: string,
  status: Exclude<SubscriberStatus, "subscribed">,
): Promise<void> {
  await tx.$executeRaw`
    UPDATE subscribers AS sub SET status = ${status}::subscriber_status, unsubscribed_at = now(),
      unsubscribed_via = n.campaign_id, updated_at = now()
    FROM notifications AS n JOIN campaign_audiences AS a ON a.campaign_id = n.campaign_id
    WHERE n.id = ${notificationId}::uuid AND sub.list_id = a.list_id AND sub.service_id = n.service_id
      AND sub.normalised_email = ${email.toLowerCase()} AND sub.status IN ('subscribed', 'unsubscribed')
      AND sub.status <> ${status}::subscriber_status`;
}
