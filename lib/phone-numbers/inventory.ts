import "server-only";
import type { PhoneNumberInformation } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { db } from "@/lib/db";
import { describeAllPhoneNumbers } from "./describe";

const CACHE_MS = 30_000;

// On globalThis: the web server loads lib twice (Next's bundle and the directly served routes).
const globalForInventory = globalThis as unknown as {
  tidingsPhoneNumbers?: { at: number; numbers: Promise<PhoneNumberInformation[]> };
};

/** The account's numbers from AWS, kept for half a minute (DescribePhoneNumbers pages through them all). */
function accountNumbers(refresh: boolean): Promise<PhoneNumberInformation[]> {
  const cached = globalForInventory.tidingsPhoneNumbers;
  if (!refresh && cached && Date.now() - cached.at < CACHE_MS) return cached.numbers;
  const numbers = describeAllPhoneNumbers();
  globalForInventory.tidingsPhoneNumbers = { at: Date.now(), numbers };
  numbers.catch(() => {
    if (globalForInventory.tidingsPhoneNumbers?.numbers === numbers) delete globalForInventory.tidingsPhoneNumbers;
  });
  return numbers;
}

/** After a change: the next look at the inventory asks AWS again. */
export function forgetInventory(): void {
  delete globalForInventory.tidingsPhoneNumbers;
}

type ServiceRef = { id: string; name: string };

export type InventoryNumber = {
  awsId: string;
  number: string;
  country: string;
  numberType: string;
  capabilities: string[];
  messageType: string;
  status: string;
  twoWayEnabled: boolean;
  twoWayChannelArn: string | null;
  optOutList: string;
  deletionProtection: boolean;
  internationalSending: boolean;
  registrationId: string | null;
  registrationStatus: string | null;
  monthlyPrice: string | null;
  /** The service that sends from it, and the one that receives texts to it. */
  sender: ServiceRef | null;
  inbound: ServiceRef | null;
};

export type InventoryFilters = {
  status?: string;
  country?: string;
  numberType?: string;
  assignment?: "sender" | "inbound" | "unassigned";
};

/**
 * Every number in the AWS account, merged with Tidings' view of it: its registration's status as
 * last polled and which services send from it and receive on it. For platform admins.
 */
export async function listPhoneNumberInventory(
  options: { refresh?: boolean; filters?: InventoryFilters } = {},
): Promise<InventoryNumber[]> {
  const numbers = await accountNumbers(Boolean(options.refresh));
  const awsIds = numbers.map((number) => number.PhoneNumberId ?? "");
  const [rows, inbound] = await Promise.all([
    db.phoneNumber.findMany({
      where: { awsId: { in: awsIds } },
      select: {
        awsId: true,
        registrationStatus: true,
        senders: {
          where: { archivedAt: null },
          select: { service: { select: { id: true, name: true } } },
          take: 1,
        },
      },
    }),
    db.inboundNumber.findMany({
      where: { number: { in: numbers.map((number) => number.PhoneNumber ?? "") }, active: true },
      select: { number: true, service: { select: { id: true, name: true } } },
    }),
  ]);
  const byAwsId = new Map(rows.map((row) => [row.awsId, row]));
  const inboundByNumber = new Map(inbound.map((row) => [row.number, row.service]));
  const merged = numbers.map((number): InventoryNumber => {
    const row = byAwsId.get(number.PhoneNumberId ?? "");
    const sender = row?.senders[0]?.service;
    return {
      awsId: number.PhoneNumberId ?? "",
      number: number.PhoneNumber ?? "",
      country: number.IsoCountryCode ?? "",
      numberType: number.NumberType ?? "",
      capabilities: number.NumberCapabilities ?? [],
      messageType: number.MessageType ?? "",
      status: number.Status ?? "",
      twoWayEnabled: Boolean(number.TwoWayEnabled),
      twoWayChannelArn: number.TwoWayChannelArn ?? null,
      optOutList: number.OptOutListName ?? "",
      deletionProtection: Boolean(number.DeletionProtectionEnabled),
      internationalSending: Boolean(number.InternationalSendingEnabled),
      registrationId: number.RegistrationId ?? null,
      registrationStatus: row?.registrationStatus ?? null,
      monthlyPrice: number.MonthlyLeasingPrice ?? null,
      sender: sender ? { id: sender.id, name: sender.name } : null,
      inbound: inboundByNumber.get(number.PhoneNumber ?? "") ?? null,
    };
  });
  const filters = options.filters ?? {};
  return merged
    .filter(
      (number) =>
        (!filters.status || number.status === filters.status) &&
        (!filters.country || number.country === filters.country) &&
        (!filters.numberType || number.numberType === filters.numberType) &&
        (!filters.assignment ||
          (filters.assignment === "sender" && number.sender) ||
          (filters.assignment === "inbound" && number.inbound) ||
          (filters.assignment === "unassigned" && !number.sender && !number.inbound)),
    )
    .sort((a, b) => a.number.localeCompare(b.number));
}
