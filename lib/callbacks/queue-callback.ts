import "server-only";
import type { DbTransaction } from "@/lib/db";
import type { CallbackType } from "@/lib/generated/prisma/enums";
import { enqueue } from "@/lib/queue/boss";
import { queues } from "@/lib/queue/queues";

/**
 * Queues a request to the service's callback URL for this kind of event, if it has one. Call it in
 * the transaction that records the event, so the callback is queued exactly when the event commits.
 */
export async function queueCallback(
  transaction: DbTransaction,
  serviceId: string,
  callbackType: CallbackType,
  subjectId: string,
): Promise<boolean> {
  const configured = await transaction.serviceCallbackApi.findUnique({
    where: { serviceId_callbackType: { serviceId, callbackType } },
    select: { id: true },
  });
  if (!configured) return false;
  await enqueue(queues.sendCallback, { serviceId, callbackType, subjectId }, { transaction });
  return true;
}
