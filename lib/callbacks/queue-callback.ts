import "server-only";
import type { DbTransaction } from "@/lib/db";
import type { CallbackType } from "@/lib/generated/prisma/enums";
import { enqueue, enqueueMany } from "@/lib/queue/boss";
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

export type CallbackToQueue = { serviceId: string; callbackType: CallbackType; subjectId: string };

/** queueCallback for many events at once: one query for the services' settings, one insert of jobs. */
export async function queueCallbacks(transaction: DbTransaction, callbacks: CallbackToQueue[]): Promise<void> {
  if (callbacks.length === 0) return;
  const wanted = [...new Set(callbacks.map((callback) => `${callback.serviceId}:${callback.callbackType}`))];
  const configured = await transaction.serviceCallbackApi.findMany({
    where: {
      OR: wanted.map((key) => {
        const [serviceId, callbackType] = key.split(":") as [string, CallbackType];
        return { serviceId, callbackType };
      }),
    },
    select: { serviceId: true, callbackType: true },
  });
  const set = new Set(configured.map((entry) => `${entry.serviceId}:${entry.callbackType}`));
  await enqueueMany(
    queues.sendCallback,
    callbacks.filter((callback) => set.has(`${callback.serviceId}:${callback.callbackType}`)),
    { transaction },
  );
}
