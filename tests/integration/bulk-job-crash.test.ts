import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sendCheckedFile } from "@/lib/jobs/create-job";
import { OPERATOR } from "@/lib/permissions";
import { queues } from "@/lib/queue/queues";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { makeService, makeTemplate } from "../support/factories";
import { exitOf } from "../support/processes";
import { emailCsv, makeLiveService, uploadAndCheck } from "../support/recipient-files";
import { s3StandInForThisFile } from "../support/s3";
import { waitFor } from "../support/wait";

const ROWS = 8_000;

s3StandInForThisFile();
const delivery = deliveryHarnessForThisFile({ env: { SIMULATED_DELIVERY_DELAY_MS: "0" } });

describe("a worker killed mid-expansion", () => {
  it(
    "is followed by one that finishes the job from its resume point: every row stored and queued exactly once",
    { timeout: 180_000 },
    async () => {
      const service = await makeLiveService((await makeService()).id);
      const template = await makeTemplate(service.id, { type: "email" });
      const file = await uploadAndCheck(service.id, template.id, "people.csv", emailCsv(ROWS));
      const doomed = await delivery.startWorkerProcess();
      const jobId = await sendCheckedFile({ actor: OPERATOR, serviceId: service.id, fileId: file.id });

      const atCrash = await waitFor(
        "the job to be part expanded",
        async () => {
          const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
          return job.resumeAfterRow > 0 && job.status === "in_progress" && job;
        },
        60_000,
      );
      doomed.kill("SIGKILL");
      await exitOf(doomed);
      const storedAtCrash = await db.notification.count({ where: { jobId } });
      expect(storedAtCrash).toBeLessThan(ROWS);
      expect(atCrash.resumeAfterRow).toBeLessThan(ROWS + 1);

      // Its expansion is released when its heartbeat stops; the new worker looks every second.
      await delivery.startWorker({ maintenanceIntervalSeconds: 1 });
      await waitFor(
        "the job to finish",
        async () => (await db.job.findUniqueOrThrow({ where: { id: jobId } })).status === "finished",
        120_000,
      );

      const [rows] = await db.$queryRaw<{ count: bigint; distinct_rows: bigint; first: number; last: number }[]>`
        SELECT count(*) AS count, count(DISTINCT job_row_number) AS distinct_rows, min(job_row_number) AS first, max(job_row_number) AS last
        FROM notifications WHERE job_id = ${jobId}::uuid`;
      expect(Number(rows!.count)).toBe(ROWS);
      expect(Number(rows!.distinct_rows)).toBe(ROWS);
      expect([rows!.first, rows!.last]).toEqual([2, ROWS + 1]);
      // One delivery job per notification: none lost, none doubled.
      const [queued] = await db.$queryRaw<{ count: bigint; distinct_ids: bigint }[]>`
        SELECT count(*) AS count, count(DISTINCT j.data->>'notificationId') AS distinct_ids
        FROM pgboss.job j JOIN notifications n ON n.id::text = j.data->>'notificationId'
        WHERE j.name = ${queues.deliverBulk.name} AND n.job_id = ${jobId}::uuid`;
      expect(Number(queued!.count)).toBe(ROWS);
      expect(Number(queued!.distinct_ids)).toBe(ROWS);
      expect(await db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({
        resumeAfterRow: ROWS + 1,
        rowsRefused: 0,
      });
    },
  );
});
