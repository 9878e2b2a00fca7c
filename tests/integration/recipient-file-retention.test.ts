import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";
import { sendCheckedFile } from "@/lib/jobs/create-job";
import { expandJob } from "@/lib/jobs/expand-job";
import { jobReportCsv } from "@/lib/jobs/job-report";
import { findJob, findJobWithFile, listJobs } from "@/lib/jobs/queries";
import { OPERATOR } from "@/lib/permissions";
import { applyDataRetention } from "@/lib/retention/apply-data-retention";
import { objectInfo, type Bucket } from "@/lib/storage/s3";
import { makeService, makeTemplate } from "../support/factories";
import { emailCsv, makeLiveService, uploadAndCheck } from "../support/recipient-files";
import { s3StandInForThisFile } from "../support/s3";

s3StandInForThisFile();

const STATUSES: NotificationStatus[] = [
  "created",
  "sending",
  "pending",
  "sent",
  "delivered",
  "permanent_failure",
  "temporary_failure",
  "technical_failure",
  "cancelled",
];
const KEPT = new Set<NotificationStatus>(["created", "sending"]);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/** A job of two rows whose file and notifications are `age` days old, one notification left in `status`. */
async function oldJob(serviceId: string, templateId: string, status: NotificationStatus, age = 30) {
  const file = await uploadAndCheck(serviceId, templateId, "people.csv", emailCsv(2));
  const jobId = await sendCheckedFile({ actor: OPERATOR, serviceId, fileId: file.id });
  await expandJob(jobId);
  await db.recipientFile.update({ where: { id: file.id }, data: { createdAt: daysAgo(age) } });
  await db.notification.updateMany({ where: { jobId }, data: { status: "delivered", createdAt: daysAgo(age) } });
  const first = await db.notification.findFirstOrThrow({ where: { jobId, jobRowNumber: 2 } });
  await db.notification.update({ where: { id: first.id }, data: { status } });
  return { file, jobId };
}

describe("retention of uploaded files", () => {
  it.each(STATUSES)(
    "an old file with a notification of its job %s is deleted only once nothing is left to send",
    async (status) => {
      const service = await makeLiveService((await makeService()).id);
      const template = await makeTemplate(service.id, { type: "email" });
      const { file, jobId } = await oldJob(service.id, template.id, status);

      await applyDataRetention();

      const after = await db.recipientFile.findUniqueOrThrow({ where: { id: file.id } });
      const stored = await objectInfo(file.bucket as Bucket, file.objectKey);
      if (KEPT.has(status)) {
        expect(stored).not.toBeNull();
        expect(after.objectDeletedAt).toBeNull();
      } else {
        expect(stored).toBeNull();
        expect(after.objectDeletedAt).not.toBeNull();
      }
      // The per-row outcome survives: live rows, or their history without recipients.
      const rows =
        (await db.notification.count({ where: { jobId } })) +
        (await db.notificationHistory.count({ where: { jobId } }));
      expect(rows).toBe(2);
    },
  );

  it("keeps a row past retention in the job's report and counts, without its recipient", async () => {
    const service = await makeLiveService((await makeService()).id);
    const template = await makeTemplate(service.id, { type: "email" });
    // Row 2 is still to send (kept); row 3 was delivered 30 days ago and moves to history.
    const { jobId } = await oldJob(service.id, template.id, "created");

    await applyDataRetention();
    expect(await db.notificationHistory.count({ where: { jobId } })).toBe(1);

    const job = (await findJobWithFile(service.id, jobId))!;
    const lines = parse(await new Response(jobReportCsv(service.id, job)).text(), { columns: true }) as Record<
      string,
      string
    >[];
    expect(lines.map((line) => [line["Row number"], line.Recipient, line.Status])).toEqual([
      ["2", "person-0@example.com", "Sending"],
      ["3", "(removed after the data retention period)", "Delivered"],
    ]);
    expect((await findJob(service.id, jobId))!.counts).toEqual({ created: 1, delivered: 1 });
    const [listed] = await listJobs(service.id);
    expect(listed!.progress).toMatchObject({ created: 1, delivered: 1, percent: 50 });
  });

  it("keeps a file within its retention, a file whose job has rows still to expand, and contact lists", async () => {
    const service = await makeLiveService((await makeService()).id);
    const template = await makeTemplate(service.id, { type: "email" });
    const recent = await uploadAndCheck(service.id, template.id, "people.csv", emailCsv(1));
    await db.recipientFile.update({ where: { id: recent.id }, data: { createdAt: daysAgo(3) } });

    const scheduled = await uploadAndCheck(service.id, template.id, "people.csv", emailCsv(1));
    await sendCheckedFile({
      actor: OPERATOR,
      serviceId: service.id,
      fileId: scheduled.id,
      scheduledFor: new Date(Date.now() + 86_400_000),
    });
    await db.recipientFile.update({ where: { id: scheduled.id }, data: { createdAt: daysAgo(30) } });

    const list = await uploadAndCheck(service.id, template.id, "people.csv", emailCsv(1));
    await db.recipientFile.update({
      where: { id: list.id },
      data: { createdAt: daysAgo(300), bucket: "contactLists" },
    });

    expect((await applyDataRetention()).recipientFiles).toBe(0);
    for (const file of [recent, scheduled]) expect(await objectInfo("uploads", file.objectKey)).not.toBeNull();
  });
});
