import "server-only";
import { randomUUID } from "node:crypto";
import { config } from "@/lib/config";
import { enqueue } from "@/lib/queue/boss";
import { queues } from "@/lib/queue/queues";
import { simulatedOutcome } from "@/lib/recipients/simulated";
import { normaliseEmailAddress } from "@/lib/recipients/email";
import type { EmailMessage, EmailProvider, SendOutcome, SmsMessage, SmsProvider } from "./types";

/**
 * Accepts every message and, after SIMULATED_DELIVERY_DELAY_MS, reports its outcome through the
 * same receipt path a real provider's webhook uses. Used for test keys, simulated recipients, and
 * whenever no AWS settings are present.
 */
async function simulate(type: "email" | "sms", notificationId: string, recipient: string): Promise<SendOutcome> {
  const providerReference = `simulated-${randomUUID()}`;
  const outcome = simulatedOutcome(type, recipient) ?? "delivered";
  await enqueue(
    queues.simulatedReceipt,
    { notificationId, providerReference, outcome },
    { startAfter: new Date(Date.now() + config().SIMULATED_DELIVERY_DELAY_MS) },
  );
  return { providerReference };
}

export const simulatedEmailProvider: EmailProvider = {
  name: "simulated",
  sendRate: async () => null,
  sendEmail: (message: EmailMessage) => simulate("email", message.notificationId, normaliseEmailAddress(message.to)),
};

export const simulatedSmsProvider: SmsProvider = {
  name: "simulated",
  sendRate: async () => null,
  sendSms: (message: SmsMessage) => simulate("sms", message.notificationId, message.to),
};
