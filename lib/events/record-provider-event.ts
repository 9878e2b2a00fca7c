import "server-only";
import type { DbTransaction } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type ProviderEventSource = "ses" | "sms" | "inbound-sms";

export type ProviderEventRecord = {
  snsMessageId: string;
  source: ProviderEventSource;
  eventType: string;
  serviceId: string | null;
  notificationId: string | null;
  payload: Prisma.InputJsonValue;
  occurredAt: Date | null;
};

/**
 * Stores a provider's raw event for audit and answers whether it is new. SNS delivers at least
 * once: the second copy of a message (same SNS MessageId) is not stored again and must change
 * nothing, so callers apply an event only when this returns true, in the same transaction.
 */
export async function recordProviderEvent(tx: DbTransaction, event: ProviderEventRecord): Promise<boolean> {
  const { count } = await tx.providerEvent.createMany({ data: [event], skipDuplicates: true });
  return count === 1;
}
