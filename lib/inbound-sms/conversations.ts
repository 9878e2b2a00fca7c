import "server-only";
import { stringify } from "csv-stringify/sync";
import { db } from "@/lib/db";

const CONVERSATIONS = 100;
const MESSAGES = 200;

/** Everyone who texted the service, latest first: their last text, when, and how many. */
export async function listConversations(serviceId: string) {
  const senders = await db.inboundSms.groupBy({
    by: ["userNumber"],
    where: { serviceId },
    _count: { _all: true },
    _max: { createdAt: true },
    orderBy: { _max: { createdAt: "desc" } },
    take: CONVERSATIONS,
  });
  const latest = await db.inboundSms.findMany({
    where: { serviceId, userNumber: { in: senders.map((sender) => sender.userNumber) } },
    orderBy: { createdAt: "desc" },
    distinct: ["userNumber"],
    select: { userNumber: true, content: true },
  });
  const lastText = new Map(latest.map((row) => [row.userNumber, row.content]));
  return senders.map((sender) => ({
    userNumber: sender.userNumber,
    received: sender._count._all,
    lastAt: sender._max.createdAt!,
    lastText: lastText.get(sender.userNumber) ?? "",
  }));
}

export type ConversationEntry = {
  id: string;
  direction: "received" | "sent";
  text: string;
  at: Date;
};

/** The texts between the service and one number, oldest first: those received and those the service sent it. */
export async function conversationWith(serviceId: string, userNumber: string): Promise<ConversationEntry[]> {
  const [received, sent] = await Promise.all([
    db.inboundSms.findMany({
      where: { serviceId, userNumber },
      orderBy: { createdAt: "desc" },
      take: MESSAGES,
      select: { id: true, content: true, createdAt: true },
    }),
    db.notification.findMany({
      where: { serviceId, type: "sms", normalisedRecipient: userNumber, keyType: { not: "test" } },
      orderBy: { createdAt: "desc" },
      take: MESSAGES,
      select: { id: true, body: true, createdAt: true },
    }),
  ]);
  return [
    ...received.map((row) => ({ id: row.id, direction: "received" as const, text: row.content, at: row.createdAt })),
    ...sent.map((row) => ({ id: row.id, direction: "sent" as const, text: row.body, at: row.createdAt })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Every text the service received (within retention), newest first, as CSV for download. */
export async function receivedTextsCsv(serviceId: string): Promise<string> {
  const rows = await db.inboundSms.findMany({
    where: { serviceId },
    orderBy: { createdAt: "desc" },
    take: 100_000,
    select: { userNumber: true, notifyNumber: true, content: true, createdAt: true },
  });
  return stringify(
    rows.map((row) => [row.userNumber, row.notifyNumber, row.content, row.createdAt.toISOString()]),
    { header: true, columns: ["From", "To", "Message", "Received (UTC)"] },
  );
}
