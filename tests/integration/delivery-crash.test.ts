import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config, resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/queue/boss";
import { queues } from "@/lib/queue/queues";
import { receiveSnsWebhook } from "@/lib/sns/receive-sns-webhook";
import { acceptNotification, storeNotification } from "../support/accepted-notifications";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { makeService, makeTemplate } from "../support/factories";
import { exitOf } from "../support/processes";
import { fixtureEvent, resignedFixture, startCertificateServer } from "../support/sns-messages";
import { waitFor } from "../support/wait";

const MESSAGES = 60;

const delivery = deliveryHarnessForThisFile({
  ses: true,
  env: { SES_MAX_SEND_RATE: "20", DELIVERY_RETRY_DELAY_SECONDS: "1" },
});
let certificates: Awaited<ReturnType<typeof startCertificateServer>>;
beforeAll(async () => {
  certificates = await startCertificateServer();
  process.env.SNS_TRUSTED_CERT_URL_PREFIXES = certificates.prefix;
  resetConfig();
});
afterAll(async () => {
  await certificates?.close();
});

/**
 * Starts `processes` worker processes, accepts a batch, and SIGKILLs the first while sends are in
 * flight; the others and a fresh worker carry on until no job could still send anything. Then a
 * notification claimed but without a reference was the dead worker's.
 */
async function crashMidBatch(processes: number) {
  const { ses } = delivery;
  const workers: Awaited<ReturnType<typeof delivery.startWorkerProcess>>[] = [];
  for (let index = 0; index < processes; index++) workers.push(await delivery.startWorkerProcess());
  const [doomed] = workers;
  // SES answers slowly, so that several sends are in flight when the worker dies.
  ses.setResponseDelay(1500);
  const template = await makeTemplate((await makeService()).id, { type: "email" });
  const ids: string[] = [];
  for (let index = 0; index < MESSAGES; index++)
    ids.push((await acceptNotification(template, { recipient: `person-${index}@example.com` })).id);
  const ours = () => ses.calls.filter((call) => call.notificationId !== null && ids.includes(call.notificationId));

  await waitFor("some sends to be under way", async () => ours().length >= 10, 30_000);
  doomed!.kill("SIGKILL");
  await exitOf(doomed!);
  const inFlightAtCrash = ours().filter((call) => call.messageId === null).length;
  expect(inFlightAtCrash).toBeGreaterThan(0);
  ses.setResponseDelay(0);

  // The dead worker's jobs are released when their heartbeats stop; the new worker looks often.
  const rescuer = await delivery.startWorker({ maintenanceIntervalSeconds: 1 });
  await waitFor(
    "every notification to be sent or left for reconciliation",
    async () =>
      (await liveJobs(ids)) === 0 &&
      (await db.notification.count({ where: { id: { in: ids }, status: "created" } })) === 0,
    60_000,
  );
  const stop = async () => {
    await rescuer.stop();
    for (const survivor of workers.slice(1)) {
      survivor.kill("SIGTERM");
      await exitOf(survivor);
    }
  };
  return { ids, ours, inFlightAtCrash, stop, template };
}

/** Claimed, possibly sent, never answered: aged past the reconcile window, then reconciled by the worker. */
async function reconcileUncertain(ids: string[]): Promise<string[]> {
  const uncertain = (
    await db.notification.findMany({
      where: { id: { in: ids }, status: "sending", providerReference: null },
      select: { id: true },
    })
  ).map((row) => row.id);
  await db.notification.updateMany({
    where: { id: { in: uncertain } },
    data: { sentAt: new Date(Date.now() - (config().DELIVERY_RECONCILE_AFTER_MINUTES + 1) * 60_000) },
  });
  await enqueue(queues.reconcileUncertainSends, {});
  // Reconciled: failed, or handed over again (which starts its clock afresh).
  await waitFor(
    "the uncertain sends to be reconciled",
    async () =>
      (await db.notification.count({
        where: { id: { in: uncertain }, status: "sending", sentAt: { lt: new Date(Date.now() - 60_000) } },
      })) === 0,
  );
  return uncertain;
}

const copiesAtSes = (calls: { notificationId: string | null; answer: string }[]) => {
  const copies = new Map<string, number>();
  for (const call of calls)
    if (call.answer === "accepted") copies.set(call.notificationId!, (copies.get(call.notificationId!) ?? 0) + 1);
  return copies;
};

async function killOneMidBatch(processes: number): Promise<void> {
  const { ids, ours, inFlightAtCrash, stop } = await crashMidBatch(processes);
  const uncertain = await reconcileUncertain(ids);
  // One worker alone held every send in flight; of two, the killed one may have held none of them.
  if (processes === 1) expect(uncertain.length).toBeGreaterThan(0);

  const received = copiesAtSes(ours());
  // Never twice. A send the dead worker had claimed but not yet handed over reaches SES not at all,
  // and must be one of those settled without a second copy.
  expect(ids.filter((id) => (received.get(id) ?? 0) > 1)).toEqual([]);
  expect(ids.filter((id) => !received.has(id) && !uncertain.includes(id))).toEqual([]);
  expect(ours().every((call) => call.answer === "accepted")).toBe(true);

  const final = await db.notification.findMany({
    where: { id: { in: ids } },
    select: { id: true, status: true, providerReference: true },
  });
  const referenced = final.filter((row) => row.status === "sending" && row.providerReference !== null);
  const settled = final.filter((row) => row.status === "technical_failure" && row.providerReference === null);
  expect(referenced.length + settled.length).toBe(MESSAGES);
  const messageIds = new Map(ours().map((call) => [call.notificationId, call.messageId]));
  expect(referenced.every((row) => messageIds.get(row.id) === row.providerReference)).toBe(true);
  console.log(
    `${processes} worker process(es), one killed with ${inFlightAtCrash} sends in flight: ${referenced.length} sent once, ` +
      `${settled.length} settled without a second copy, none twice`,
  );
  await stop();
}

describe("a worker killed mid-batch", () => {
  it(
    "leaves every notification sent exactly once: sent by the next worker, or settled without a second copy",
    { timeout: 120_000 },
    () => killOneMidBatch(1),
  );

  it("does the same with two worker processes, one of them killed", { timeout: 120_000 }, () => killOneMidBatch(2));

  it(
    "loses nothing when SES publishes Send events: what never reached SES is handed over again, once",
    { timeout: 120_000 },
    async () => {
      Object.assign(process.env, { SES_CONFIGURATION_SET: "tidings", SES_SEND_EVENTS: "true" });
      resetConfig();
      try {
        const { ids, ours, inFlightAtCrash, stop, template } = await crashMidBatch(1);
        // Whether the dead worker had claimed some it never handed over depends on the moment it died:
        // one such claim is made sure of.
        ids.push(
          (await storeNotification(template, { status: "sending", providerName: "ses", sentAt: new Date() })).id,
        );
        // SES publishes Send for every message it accepted, the dead worker's included.
        await waitFor("SES to answer every call", async () => ours().every((call) => call.messageId !== null));
        for (const call of ours()) {
          const event = fixtureEvent<{ mail: { messageId: string; tags: Record<string, string[]> } }>("ses-send");
          const notification = await db.notification.findUniqueOrThrow({ where: { id: call.notificationId! } });
          event.mail.messageId = call.messageId!;
          event.mail.tags = { notification_id: [notification.id], service_id: [notification.serviceId] };
          const posted = resignedFixture("ses-send", certificates.certificateUrl, event);
          expect((await receiveSnsWebhook("ses", JSON.stringify(posted))).status).toBe(200);
        }
        await waitFor(
          "the Send events to be applied",
          async () =>
            (await db.notification.count({ where: { id: { in: ids }, providerReference: { not: null } } })) ===
            new Set(ours().map((call) => call.notificationId)).size,
        );
        const neverAccepted = await reconcileUncertain(ids);
        expect(neverAccepted.length).toBeGreaterThan(0);
        await waitFor(
          "the handed-over ones to reach SES",
          async () => (await db.notification.count({ where: { id: { in: ids }, providerReference: null } })) === 0,
          30_000,
        );
        const received = copiesAtSes(ours());
        expect(ids.filter((id) => received.get(id) !== 1)).toEqual([]);
        expect(ids).toHaveLength(MESSAGES + 1);
        expect(await db.notification.count({ where: { id: { in: ids }, status: "technical_failure" } })).toBe(0);
        console.log(
          `Send events configured, one worker killed with ${inFlightAtCrash} sends in flight: ` +
            `${neverAccepted.length} never handed over were handed over again; all ${ids.length} reached SES once`,
        );
        await stop();
      } finally {
        delete process.env.SES_CONFIGURATION_SET;
        delete process.env.SES_SEND_EVENTS;
        resetConfig();
      }
    },
  );
});

async function liveJobs(ids: string[]): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) FROM pgboss.job WHERE name = ${queues.deliverEmail.name} AND data->>'notificationId' = ANY(${ids}) AND state::text IN ('created', 'retry', 'active')`;
  return Number(row!.count);
}
