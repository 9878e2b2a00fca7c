import "server-only";
import { z } from "zod";
import type { DbTransaction } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { unsubscribeByToken } from "@/lib/mailing-lists/change-subscription";
import { tokenInSubject } from "@/lib/mailing-lists/unsubscribe-token";
import type { EventPlan } from "./event-plan";
import { dateOr } from "./ses-events";

/**
 * An email to UNSUBSCRIBE_EMAIL_ADDRESS, as the SES receipt rule's SNS action publishes it (AWS:
 * "Amazon SES email receiving notification contents"). Only the subject matters: it carries the
 * signed token of the List-Unsubscribe mailto the recipient's mail program answered.
 */
export const receivedEmailEvent = z.looseObject({
  notificationType: z.literal("Received"),
  mail: z.looseObject({
    messageId: z.string().min(1).max(200),
    timestamp: z.string().max(64).optional(),
    commonHeaders: z.looseObject({ subject: z.string().max(4000).optional() }),
  }),
  receipt: z.looseObject({ action: z.looseObject({ type: z.string().max(64) }) }),
});
type ReceivedEmailEvent = z.infer<typeof receivedEmailEvent>;

/**
 * What the webhook stores of a received unsubscribe email: its ids and subject, never its sender,
 * other headers or content (SNS's action carries the whole message), which Tidings has no use for.
 */
export function receivedEmailRecord(event: ReceivedEmailEvent) {
  const payload: Prisma.InputJsonObject = {
    notificationType: event.notificationType,
    mail: {
      messageId: event.mail.messageId,
      ...(event.mail.timestamp ? { timestamp: event.mail.timestamp } : {}),
      commonHeaders:
        event.mail.commonHeaders.subject === undefined ? {} : { subject: event.mail.commonHeaders.subject },
    },
    receipt: { action: { type: event.receipt.action.type } },
  };
  return {
    eventType: "Received",
    providerMessageId: event.mail.messageId,
    occurredAt: dateOr(event.mail.timestamp),
    payload,
  };
}

/**
 * What an unsubscribe email does: exactly what the one-click POST of the same token does. A
 * subject with no token, or one altered or naming nobody, changes nothing and is logged without
 * the subject, since it may be anything anyone sent.
 */
export function planReceivedEmail(event: ReceivedEmailEvent): EventPlan {
  return { about: null, effects: (tx) => unsubscribeFromEmail(tx, event) };
}

async function unsubscribeFromEmail(tx: DbTransaction, event: ReceivedEmailEvent): Promise<void> {
  const token = tokenInSubject(event.mail.commonHeaders.subject ?? "");
  if (token && (await unsubscribed(tx, token))) return;
  log.warn(
    { sesMessageId: event.mail.messageId },
    "unsubscribe email ignored: its subject holds no valid unsubscribe token",
  );
}

async function unsubscribed(tx: DbTransaction, token: string): Promise<boolean> {
  try {
    await unsubscribeByToken(token, tx);
    return true;
  } catch (error) {
    if (isAppError(error, "not_found")) return false;
    throw error;
  }
}
