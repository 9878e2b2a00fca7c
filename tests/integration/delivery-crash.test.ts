import { describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/queue/boss";
import { queues } from "@/lib/queue/queues";
import { acceptNotification } from "../support/accepted-notifications";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { makeService, makeTemplate } from "../support/factories";
import { exitOf } from "../support/processes";
import { emailTag } from "../support/ses-stand-in";
import { waitFor } from "../support/wait";

const MESSAGES = 40;

const delivery = deliveryHarnessForThisFile({
  ses: true,
  env: { SES_MAX_SEND_RATE: "20", DELIVERY_RETRY_DELAY_SECONDS: "1" },
});

describe("a worker killed mid-batch", () => {
  it(
    "leaves every notification sent exactly once: sent by the next worker, or settled without a second copy",
    { timeout: 120_000 },
    async () => {
      const { ses } = delivery;
      const doomed = await delivery.startWorkerProcess();
      // SES answers slowly, so that several sends are in flight when the worker dies.
      ses.setResponseDelay(1500);
      const template = await makeTemplate((await makeService()).id, { type: "email" });
      const ids: string[] = [];
      for (let index = 0; index < MESSAGES; index++)
        ids.push((await acceptNotification(template, { recipient: `person-${index}@example.com` })).id);

      await waitFor("some sends to be under way", async () => ses.calls.length >= 10, 30_000);
      doomed.kill("SIGKILL");
      await exitOf(doomed);
      const inFlightAtCrash = ses.calls.filter((call) => call.messageId === null).length;
      expect(inFlightAtCrash).toBeGreaterThan(0);
      ses.setResponseDelay(0);

      // The dead worker's jobs are released when their heartbeats stop; the new worker looks often.
      await delivery.startWorker({ maintenanceIntervalSeconds: 1 });
      // Done when no job could still send anything: then a send without a reference was the dead worker's.
      await waitFor(
        "every notification to be sent or left for reconciliation",
        async () =>
          (await liveJobs(ids)) === 0 &&
          (await db.notification.count({ where: { id: { in: ids }, status: "created" } })) === 0,
        60_000,
      );

      // The uncertain ones: claimed, possibly sent, never answered. Pretend the reconcile window passed.
      const uncertain = await db.notification.findMany({
        where: { id: { in: ids }, status: "sending", providerReference: null },
        select: { id: true },
      });
      expect(uncertain.length).toBeGreaterThan(0);
      await db.notification.updateMany({
        where: { id: { in: uncertain.map((row) => row.id) } },
        data: { sentAt: new Date(Date.now() - (config().DELIVERY_RECONCILE_AFTER_MINUTES + 1) * 60_000) },
      });
      await enqueue(queues.reconcileUncertainSends, {});
      await waitFor(
        "the uncertain sends to be settled",
        async () =>
          (await db.notification.count({
            where: { id: { in: uncertain.map((row) => row.id) }, status: "technical_failure" },
          })) === uncertain.length,
      );

      const received = new Map<string, number>();
      for (const call of ses.calls) {
        const id = emailTag(call.request, "notification_id")!;
        received.set(id, (received.get(id) ?? 0) + 1);
      }
      // Never twice. A send the dead worker had claimed but not yet handed over reaches SES not at all,
      // and must be one of those settled without a second copy.
      expect(ids.filter((id) => (received.get(id) ?? 0) > 1)).toEqual([]);
      const uncertainIds = new Set(uncertain.map((row) => row.id));
      expect(ids.filter((id) => !received.has(id) && !uncertainIds.has(id))).toEqual([]);
      expect(ses.calls.every((call) => call.answer === "accepted")).toBe(true);

      const final = await db.notification.findMany({
        where: { id: { in: ids } },
        select: { id: true, status: true, providerReference: true },
      });
      const referenced = final.filter((row) => row.status === "sending" && row.providerReference !== null);
      const settled = final.filter((row) => row.status === "technical_failure" && row.providerReference === null);
      expect(referenced.length + settled.length).toBe(MESSAGES);
      const messageIds = new Map(ses.calls.map((call) => [emailTag(call.request, "notification_id"), call.messageId]));
      expect(referenced.every((row) => messageIds.get(row.id) === row.providerReference)).toBe(true);
    },
  );
});

async function liveJobs(ids: string[]): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) FROM pgboss.job WHERE name = ${queues.deliverEmail.name} AND data->>'notificationId' = ANY(${ids}) AND state::text IN ('created', 'retry', 'active')`;
  return Number(row!.count);
}
