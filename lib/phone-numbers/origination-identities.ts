import "server-only";
import { DescribePoolsCommand, DescribeSenderIdsCommand } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { callAws } from "./aws-client";

/** Where texts can come from besides one of the account's numbers: a pool of numbers, or a sender ID. */
export type PoolOrigin = { kind: "pool"; poolId: string; status: string; messageType: string };
export type SenderIdOrigin = { kind: "sender-id"; senderId: string; country: string; messageTypes: string[] };

/** The account's pools (DescribePools, every page), or just those asked for. */
export async function listPools(poolIds?: string[]): Promise<PoolOrigin[]> {
  const pools: PoolOrigin[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callAws((sms) =>
      sms.send(new DescribePoolsCommand({ ...(poolIds ? { PoolIds: poolIds } : {}), NextToken: nextToken })),
    );
    for (const pool of page.Pools ?? [])
      pools.push({
        kind: "pool",
        poolId: pool.PoolId ?? "",
        status: pool.Status ?? "",
        messageType: pool.MessageType ?? "",
      });
    nextToken = page.NextToken;
  } while (nextToken);
  return pools;
}

/** The account's sender IDs (DescribeSenderIds, every page), or just the one asked for. */
export async function listSenderIds(only?: { senderId: string; country: string }): Promise<SenderIdOrigin[]> {
  const senderIds: SenderIdOrigin[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callAws((sms) =>
      sms.send(
        new DescribeSenderIdsCommand({
          ...(only ? { SenderIds: [{ SenderId: only.senderId, IsoCountryCode: only.country }] } : {}),
          NextToken: nextToken,
        }),
      ),
    );
    for (const senderId of page.SenderIds ?? [])
      senderIds.push({
        kind: "sender-id",
        senderId: senderId.SenderId ?? "",
        country: senderId.IsoCountryCode ?? "",
        messageTypes: senderId.MessageTypes ?? [],
      });
    nextToken = page.NextToken;
  } while (nextToken);
  return senderIds;
}
