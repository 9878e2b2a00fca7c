import "server-only";
import { db } from "@/lib/db";
import type { SuppressionReason } from "@/lib/generated/prisma/enums";

/** The suppression reasons that are opt-outs, which AWS's opt-out list holds too. */
export const OPTED_OUT: SuppressionReason[] = ["opt_out", "manual"];

type ServiceUse = { service: { id: string; name: string }; as: "sender" | "inbound" };

/** Which services send from a number (as one of their senders) or receive texts on it. */
export async function servicesUsing(number: string): Promise<ServiceUse[]> {
  const [senders, inbound] = await Promise.all([
    db.serviceSmsSender.findMany({
      where: { sender: number, archivedAt: null, phoneNumberId: { not: null } },
      select: { service: { select: { id: true, name: true } } },
    }),
    db.inboundNumber.findMany({
      where: { number, active: true, serviceId: { not: null } },
      select: { service: { select: { id: true, name: true } } },
    }),
  ]);
  return [
    ...senders.map((row) => ({ service: row.service, as: "sender" as const })),
    ...inbound.flatMap((row) => (row.service ? [{ service: row.service, as: "inbound" as const }] : [])),
  ];
}

export type ServicePhoneNumber = {
  number: string;
  numberType: string;
  country: string;
  status: string;
  asSender: boolean;
  isDefaultSender: boolean;
  asInbound: boolean;
};

/** The platform's numbers a service uses, for its settings page (what its members may see). */
export async function phoneNumbersOfService(serviceId: string): Promise<ServicePhoneNumber[]> {
  const [senders, inbound] = await Promise.all([
    db.serviceSmsSender.findMany({
      where: { serviceId, archivedAt: null, phoneNumberId: { not: null } },
      select: { isDefault: true, phoneNumber: { select: { number: true } } },
    }),
    db.inboundNumber.findMany({ where: { serviceId, active: true }, select: { number: true } }),
  ]);
  const numbers = [
    ...new Set([...senders.map((row) => row.phoneNumber!.number), ...inbound.map((row) => row.number)]),
  ].sort();
  const rows = await db.phoneNumber.findMany({
    where: { number: { in: numbers }, releasedAt: null },
    select: { number: true, numberType: true, isoCountryCode: true, status: true },
  });
  return numbers.map((number) => {
    const row = rows.find((entry) => entry.number === number);
    const sender = senders.find((entry) => entry.phoneNumber!.number === number);
    return {
      number,
      numberType: row?.numberType ?? "",
      country: row?.isoCountryCode ?? "",
      status: row?.status ?? "",
      asSender: Boolean(sender),
      isDefaultSender: Boolean(sender?.isDefault),
      asInbound: inbound.some((entry) => entry.number === number),
    };
  });
}

export type OptedOutNumber = { id: string; number: string; how: "keyword" | "manual"; at: Date };

/** The mobile numbers that opted out of the service's texts (by texting STOP, or added by hand), newest first. */
export async function listOptedOutNumbers(serviceId: string): Promise<OptedOutNumber[]> {
  const rows = await db.suppressionEntry.findMany({
    where: { serviceId, recipientType: "mobile", reason: { in: OPTED_OUT } },
    orderBy: { createdAt: "desc" },
    take: 500,
    select: { id: true, recipient: true, reason: true, createdAt: true },
  });
  return rows.map((row) => ({
    id: row.id,
    number: row.recipient,
    how: row.reason === "opt_out" ? "keyword" : "manual",
    at: row.createdAt,
  }));
}
