import "server-only";
import { z } from "zod";
import { queueCallback } from "@/lib/callbacks/queue-callback";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { removeOptOut, suppressRecipient } from "@/lib/suppression/suppression-list";
import { recordProviderEvent } from "@/lib/events/record-provider-event";

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

export function keywordOf(body: string): "opt-out" | "opt-in" | null {
  const word = body.trim().toUpperCase();
  if (OPT_OUT_KEYWORDS.has(word)) return "opt-out";
  if (OPT_IN_KEYWORDS.has(word)) return "opt-in";
  return null;
}

export type InboundOutcome = "stored" | "duplicate" | "unknown-number";

/**
 * Stores a text sent to a service's number and queues its inbound callback; STOP and the other
 * opt-out keywords put the sender on the service's suppression list, START takes them off it.
 */
export async function receiveInboundSms(snsMessageId: string, event: InboundSmsEvent): Promise<InboundOutcome> {
  const number = await db.inboundNumber.findFirst({
    where: { number: event.destinationNumber, active: true, serviceId: { not: null } },
    select: { serviceId: true },
  });
  const serviceId = number?.serviceId ?? null;
  return db.$transaction(async (tx) => {
    const isNew = await recordProviderEvent(tx, {
      snsMessageId,
      source: "inbound-sms",
      eventType: "INBOUND_TEXT",
      serviceId,
      notificationId: null,
      payload: event as object,
      occurredAt: null,
    });
    if (!isNew) return "duplicate";
    if (!serviceId) {
      log.warn({ snsMessageId }, "inbound text to a number no service owns");
      return "unknown-number";
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
    if (!stored) return "duplicate";
    const keyword = keywordOf(event.messageBody);
    if (keyword === "opt-out")
      await suppressRecipient(tx, { serviceId, type: "sms", recipient: event.originationNumber, reason: "opt_out" });
    if (keyword === "opt-in") await removeOptOut(tx, serviceId, "sms", event.originationNumber);
    await queueCallback(tx, serviceId, "inbound_sms", stored.id);
    return "stored";
  });
}
