import "server-only";
import { z } from "zod";
import { queueCallback } from "@/lib/callbacks/queue-callback";
import type { DbTransaction } from "@/lib/db";
import { log } from "@/lib/log";
import { queueOptOutListSync, removeOptOut, suppressRecipient } from "@/lib/suppression/suppression-list";
import type { EventPlan } from "@/lib/events/event-plan";

/** A text to one of our numbers, as End User Messaging SMS's two-way channel publishes it to SNS. */
export const inboundSmsEvent = z.looseObject({
  originationNumber: z.string().min(1),
  destinationNumber: z.string().min(1),
  messageBody: z.string(),
  inboundMessageId: z.string().min(1),
  messageKeyword: z.string().optional(),
});
export type InboundSmsEvent = z.infer<typeof inboundSmsEvent>;

// AWS's default opt-out and opt-in keywords; the carrier network honours them too.
const OPT_OUT_KEYWORDS = new Set([
  "ARRET",
  "CANCEL",
  "END",
  "OPT-OUT",
  "OPTOUT",
  "QUIT",
  "REMOVE",
  "STOP",
  "STOPALL",
  "TD",
  "UNSUBSCRIBE",
]);
const OPT_IN_KEYWORDS = new Set(["START", "UNSTOP", "YES"]);

/** @internal Exported for its tests. */
export function keywordOf(body: string): "opt-out" | "opt-in" | null {
  const word = body.trim().toUpperCase();
  if (OPT_OUT_KEYWORDS.has(word)) return "opt-out";
  if (OPT_IN_KEYWORDS.has(word)) return "opt-in";
  return null;
}

/** What the webhook stores of a received text besides the text itself. */
export function inboundTextRecord(event: InboundSmsEvent) {
  return { eventType: "INBOUND_TEXT", providerMessageId: event.inboundMessageId, occurredAt: null };
}

/**
 * What a text to one of our numbers does: stored for the service that owns the number, with its
 * inbound callback queued; STOP and the other opt-out keywords put the sender on the service's
 * suppression list, START takes them off it (and the service's AWS opt-out list follows). A text to a number no service owns stays a raw event.
 */
export function planInboundText(event: InboundSmsEvent): EventPlan {
  return { about: null, effects: (tx) => receiveInboundText(tx, event) };
}

async function receiveInboundText(tx: DbTransaction, event: InboundSmsEvent): Promise<{ serviceId: string } | void> {
  const number = await tx.inboundNumber.findFirst({
    where: { number: event.destinationNumber, active: true, serviceId: { not: null } },
    select: { serviceId: true },
  });
  const serviceId = number?.serviceId;
  if (!serviceId) {
    log.warn({ inboundMessageId: event.inboundMessageId }, "inbound text to a number no service owns");
    return;
  }
  const [stored] = await tx.inboundSms.createManyAndReturn({
    data: [
      {
        serviceId,
        userNumber: event.originationNumber,
        notifyNumber: event.destinationNumber,
        content: event.messageBody,
        providerReference: event.inboundMessageId,
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  if (!stored) return { serviceId };
  const keyword = keywordOf(event.messageBody);
  if (keyword === "opt-out")
    await suppressRecipient(tx, { serviceId, type: "sms", recipient: event.originationNumber, reason: "opt_out" });
  if (keyword === "opt-in") await removeOptOut(tx, serviceId, "sms", event.originationNumber);
  if (keyword) await queueOptOutListSync(tx, serviceId, event.originationNumber);
  await queueCallback(tx, serviceId, "inbound_sms", stored.id);
  return { serviceId };
}
