import "server-only";
import {
  CreateOptOutListCommand,
  DeleteOptedOutNumberCommand,
  DescribeOptedOutNumbersCommand,
  PutOptedOutNumberCommand,
} from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { findSuppression, suppressRecipient } from "@/lib/suppression/suppression-list";
import { callAws } from "./aws-client";
import { OPTED_OUT } from "./queries";

/**
 * The service's own opt-out list in AWS, created the first time one of its numbers needs it, so
 * that a STOP to one service's number does not silence another service (AWS's Default list is
 * account-wide).
 */
export async function serviceOptOutList(serviceId: string): Promise<string> {
  const service = await db.service.findUniqueOrThrow({
    where: { id: serviceId },
    select: { smsOptOutListName: true },
  });
  if (service.smsOptOutListName) return service.smsOptOutListName;
  const name = `tidings-${serviceId}`;
  try {
    await callAws((sms) => sms.send(new CreateOptOutListCommand({ OptOutListName: name })));
  } catch (error) {
    // Created by an earlier attempt that failed before it was recorded.
    if (!isAppError(error, "conflict") || !/already exists/.test(error.message)) throw error;
  }
  await db.service.update({ where: { id: serviceId }, data: { smsOptOutListName: name } });
  return name;
}

type AwsOptOut = { number: string; at: Date; endUser: boolean };

async function awsOptOuts(listName: string): Promise<AwsOptOut[]> {
  const entries: AwsOptOut[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callAws((sms) =>
      sms.send(new DescribeOptedOutNumbersCommand({ OptOutListName: listName, NextToken: nextToken })),
    );
    for (const entry of page.OptedOutNumbers ?? [])
      entries.push({
        number: entry.OptedOutNumber ?? "",
        at: entry.OptedOutTimestamp ?? new Date(),
        endUser: Boolean(entry.EndUserOptedOut),
      });
    nextToken = page.NextToken;
  } while (nextToken);
  return entries;
}

async function ourOptOuts(serviceId: string): Promise<Set<string>> {
  const rows = await db.suppressionEntry.findMany({
    where: { serviceId, recipientType: "mobile", reason: { in: OPTED_OUT } },
    select: { recipient: true },
  });
  return new Set(rows.map((row) => row.recipient));
}

const put = (listName: string, number: string) =>
  callAws((sms) => sms.send(new PutOptedOutNumberCommand({ OptOutListName: listName, OptedOutNumber: number })));

/**
 * Makes the one number a STOP, a START or a team member changed say on the service's AWS opt-out
 * list what it says on ours: put on it while we hold it as opted out, taken off once we hold it not
 * at all (a bounce keeps it where it is). Only that number: AWS records a STOP on its list itself,
 * before our inbound webhook may have, so a number only AWS has is not ours to take off (the
 * nightly reconciliation adds it to our list). Worker: queued in the transaction that changed ours.
 */
export async function syncOptedOutNumber(serviceId: string, number: string): Promise<"put" | "deleted" | "unchanged"> {
  const service = await db.service.findUnique({ where: { id: serviceId }, select: { smsOptOutListName: true } });
  const listName = service?.smsOptOutListName;
  if (!listName) return "unchanged";
  const ours = await findSuppression(serviceId, "sms", number);
  if (ours && OPTED_OUT.includes(ours.reason)) {
    await put(listName, number);
    return "put";
  }
  if (ours) return "unchanged";
  try {
    await callAws((sms) =>
      sms.send(new DeleteOptedOutNumberCommand({ OptOutListName: listName, OptedOutNumber: number })),
    );
  } catch (error) {
    // Not on AWS's list (AWS takes a START off itself): already as ours says.
    if (isAppError(error, "not_found")) return "unchanged";
    throw error;
  }
  return "deleted";
}

export type OptOutDifference = { serviceId: string; onlyInAws: number; onlyInTidings: number };

/**
 * The nightly check of every service's opt-out list against AWS's (DescribeOptedOutNumbers).
 * Differences are reported (logged, and audited on the service) and settled on the safe side: a
 * number only AWS has opted out is added to ours, one only we have is put on AWS's list.
 */
export async function reconcileOptOutLists(): Promise<OptOutDifference[]> {
  const services = await db.service.findMany({
    where: { smsOptOutListName: { not: null } },
    select: { id: true, smsOptOutListName: true },
  });
  const differences: OptOutDifference[] = [];
  for (const service of services) {
    const listName = service.smsOptOutListName!;
    const [ours, theirs] = await Promise.all([ourOptOuts(service.id), awsOptOuts(listName)]);
    const onlyInAws = theirs.filter((entry) => !ours.has(entry.number));
    const theirNumbers = new Set(theirs.map((entry) => entry.number));
    const onlyInTidings = [...ours].filter((number) => !theirNumbers.has(number));
    if (!onlyInAws.length && !onlyInTidings.length) continue;
    for (const entry of onlyInAws)
      await suppressRecipient(db, {
        serviceId: service.id,
        type: "sms",
        recipient: entry.number,
        reason: entry.endUser ? "opt_out" : "manual",
      });
    for (const number of onlyInTidings) await put(listName, number);
    const difference = { serviceId: service.id, onlyInAws: onlyInAws.length, onlyInTidings: onlyInTidings.length };
    differences.push(difference);
    log.warn(difference, "the service's opt-out list differed from AWS's; both now hold every opted-out number");
    await recordAuditEvent(db, {
      action: "opt_out_list.reconciled",
      serviceId: service.id,
      subjectType: "opt_out_list",
      details: { listName, onlyInAws: onlyInAws.length, onlyInTidings: onlyInTidings.length },
    });
  }
  return differences;
}
