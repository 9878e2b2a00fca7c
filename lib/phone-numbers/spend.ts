import "server-only";
import { DescribeSpendLimitsCommand } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { db } from "@/lib/db";
import { callAws, phoneNumbersConfigured } from "./aws-client";

const WARN_AT = 0.8;

export type SmsSpend = {
  /** USD this month, from the prices AWS reported in our text message events. */
  spent: number;
  /** The account's enforced monthly limit for text messages, in USD (null when AWS could not be asked). */
  limit: number | null;
  warning: boolean;
  /** Why the limit is unknown, for the dashboard. */
  problem?: string;
};

/** What this month's text messages cost so far (our records), against AWS's monthly spend limit (DescribeSpendLimits). */
export async function smsSpendThisMonth(now: Date = new Date()): Promise<SmsSpend> {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  // A message's price comes with each of its events (sent, then delivered): counted once per message.
  const [row] = await db.$queryRaw<{ spent: number | null }[]>`
    SELECT sum(price)::float8 AS spent FROM (
      SELECT max((payload->>'totalMessagePrice')::numeric) AS price
      FROM provider_events
      WHERE source = 'sms' AND received_at >= ${monthStart} AND payload ? 'totalMessagePrice'
      GROUP BY coalesce(provider_message_id, id::text)
    ) AS messages`;
  const spent = Math.round((row?.spent ?? 0) * 100) / 100;
  if (!phoneNumbersConfigured()) return { spent, limit: null, warning: false };
  try {
    const answer = await callAws((sms) => sms.send(new DescribeSpendLimitsCommand({})));
    const limit =
      answer.SpendLimits?.find((entry) => entry.Name === "TEXT_MESSAGE_MONTHLY_SPEND_LIMIT")?.EnforcedLimit ?? null;
    return { spent, limit, warning: limit !== null && limit > 0 && spent >= limit * WARN_AT };
  } catch (error) {
    return { spent, limit: null, warning: false, problem: (error as Error).message };
  }
}
