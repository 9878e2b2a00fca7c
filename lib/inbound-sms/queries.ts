import "server-only";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/validation";

export type InboundSmsRecord = {
  id: string;
  serviceId: string;
  userNumber: string;
  notifyNumber: string;
  content: string;
  createdAt: Date;
};

/** A page of texts the service received, newest first, older than `olderThan` if given. */
export async function listInboundSms(
  serviceId: string,
  options: { olderThan?: string; limit: number },
): Promise<InboundSmsRecord[]> {
  let before: { id: string; createdAt: Date } | null = null;
  if (options.olderThan) {
    before = isUuid(options.olderThan)
      ? await db.inboundSms.findFirst({
          where: { id: options.olderThan, serviceId },
          select: { id: true, createdAt: true },
        })
      : null;
    if (!before) return [];
  }
  return db.inboundSms.findMany({
    where: {
      serviceId,
      ...(before
        ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit,
    select: { id: true, serviceId: true, userNumber: true, notifyNumber: true, content: true, createdAt: true },
  });
}
