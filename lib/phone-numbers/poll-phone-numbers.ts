import "server-only";
import { DescribeRegistrationsCommand, type PhoneNumberInformation } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { isAppError } from "@/lib/errors";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { callAws, phoneNumbersConfigured } from "./aws-client";
import { describeAllPhoneNumbers, storedFields } from "./describe";
import { forgetInventory } from "./inventory";

// Registrations in these states change no more by themselves.
const SETTLED_REGISTRATIONS = ["COMPLETE", "CLOSED", "DELETED"];
const BATCH = 20;

/** The numbers AWS still has of these; one released behind Tidings' back is simply missing from the answer. */
async function describeKnown(ids: string[]): Promise<PhoneNumberInformation[]> {
  try {
    return await describeAllPhoneNumbers({ ids });
  } catch (error) {
    if (!isAppError(error, "not_found")) throw error;
    const found: PhoneNumberInformation[] = [];
    for (const id of ids) {
      try {
        found.push(...(await describeAllPhoneNumbers({ ids: [id] })));
      } catch (single) {
        if (!isAppError(single, "not_found")) throw single;
      }
    }
    return found;
  }
}

/**
 * The scheduled look at numbers still on their way: each one not yet active, or whose registration
 * is not settled, is described again (DescribePhoneNumbers, DescribeRegistrations) and its status and
 * its registration's status recorded, so the console shows them and a pending number becomes usable
 * for sending once AWS activates it. Worker.
 */
export async function pollPhoneNumberStatuses(): Promise<{ checked: number; changed: number }> {
  if (!phoneNumbersConfigured()) return { checked: 0, changed: 0 };
  const rows = await db.phoneNumber.findMany({
    where: {
      releasedAt: null,
      OR: [
        { status: { not: "ACTIVE" } },
        { registrationId: { not: null }, registrationStatus: null },
        { registrationId: { not: null }, registrationStatus: { notIn: SETTLED_REGISTRATIONS } },
      ],
    },
    select: { id: true, awsId: true, status: true, registrationId: true, registrationStatus: true },
    take: 500,
  });
  let changed = 0;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const [numbers, registrations] = await Promise.all([
      describeKnown(batch.map((row) => row.awsId)),
      (async () => {
        const ids = [...new Set(batch.flatMap((row) => (row.registrationId ? [row.registrationId] : [])))];
        if (!ids.length) return [];
        const answer = await callAws((sms) => sms.send(new DescribeRegistrationsCommand({ RegistrationIds: ids })));
        return answer.Registrations ?? [];
      })(),
    ]);
    for (const row of batch) {
      const number = numbers.find((entry) => entry.PhoneNumberId === row.awsId);
      const registration = registrations.find((entry) => entry.RegistrationId === row.registrationId);
      // Missing from AWS's answer: released in the AWS console.
      const status = number?.Status ?? "DELETED";
      const registrationStatus = registration?.RegistrationStatus ?? row.registrationStatus;
      if (status === row.status && registrationStatus === row.registrationStatus) continue;
      changed++;
      await db.phoneNumber.update({
        where: { id: row.id },
        data: {
          ...(number ? storedFields(number) : {}),
          status,
          registrationStatus,
          ...(status === "DELETED" ? { releasedAt: new Date() } : {}),
        },
      });
      log.info(
        { awsId: row.awsId, status, registrationStatus },
        "a phone number's status or registration changed in AWS",
      );
    }
  }
  if (changed) forgetInventory();
  return { checked: rows.length, changed };
}
