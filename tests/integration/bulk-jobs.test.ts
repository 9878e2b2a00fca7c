import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cancelJob, sendCheckedFile } from "@/lib/jobs/create-job";
import { expandJob } from "@/lib/jobs/expand-job";
import { jobReportCsv } from "@/lib/jobs/job-report";
import { findJobWithFile } from "@/lib/jobs/queries";
import { OPERATOR } from "@/lib/permissions";
import { queues } from "@/lib/queue/queues";
import { makeService, makeTemplate } from "../support/factories";
import { emailCsv, makeLiveService, uploadAndCheck } from "../support/recipient-files";
import { s3StandInForThisFile } from "../support/s3";

s3StandInForThisFile();

async function bulkDeliveryJobs(jobId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) FROM pgboss.job j JOIN notifications n ON n.id::text = j.data->>'notificationId'
    WHERE j.name = ${queues.deliverBulk.name} AND n.job_id = ${jobId}::uuid`;
  return Number(row!.count);
}

describe("the job engine", () => {
  it("expands every row of a checked file into one notification, through the API's accept path, and a rerun adds nothing", async () => {
    const service = await makeLiveService((await makeService()).id);
    const template = await makeTemplate(service.id, { type: "email" });
    const file = await uploadAndCheck(service.id, template.id, "people.csv", emailCsv(1_234));
    expect(file).toMatchObject({ status: "valid", rowCount: 1_234, errorRowCount: 0 });

    const jobId = await sendCheckedFile({ actor: OPERATOR, serviceId: service.id, fileId: file.id });
    await expandJob(jobId, { batchSize: 100 });
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({ status: "finished", rowCount: 1_234, resumeAfterRow: 1_235, rowsRefused: 0 });

    const notifications = await db.notification.findMany({
      where: { jobId },
      orderBy: { jobRowNumber: "asc" },
      select: { jobRowNumber: true, recipient: true, subject: true, body: true, status: true },
    });
    expect(notifications).toHaveLength(1_234);
    expect(notifications[0]).toMatchObject({
      jobRowNumber: 2,
      recipient: "person-0@example.com",
      subject: "Hello Person 0",
      status: "created",
    });
    expect(notifications[0]!.body).toContain("REF-0");
    expect(await bulkDeliveryJobs(jobId)).toBe(1_234);

    // A second run of a finished job (pg-boss ran it twice), or of one reset to its start, stores nothing new.
    await db.job.update({ where: { id: jobId }, data: { status: "in_progress", resumeAfterRow: 0 } });
    await expandJob(jobId, { batchSize: 100 });
    expect(await db.notification.count({ where: { jobId } })).toBe(1_234);
    expect(await bulkDeliveryJobs(jobId)).toBe(1_234);
  });

  it("resumes after the last stored row", async () => {
    const service = await makeLiveService((await makeService()).id);
    const template = await makeTemplate(service.id, { type: "email" });
    const file = await uploadAndCheck(service.id, template.id, "people.csv", emailCsv(300));
    const jobId = await sendCheckedFile({ actor: OPERATOR, serviceId: service.id, fileId: file.id });
    // As if a worker had stored the first 100 rows (rows 2–101) and died.
    await db.job.update({ where: { id: jobId }, data: { status: "in_progress", resumeAfterRow: 101 } });
    await expandJob(jobId, { batchSize: 64 });
    const rows = await db.notification.findMany({ where: { jobId }, select: { jobRowNumber: true } });
    expect(rows).toHaveLength(200);
    expect(Math.min(...rows.map((row) => row.jobRowNumber!))).toBe(102);
  });

  it("schedules a job up to 7 days ahead, expands nothing early, and cancels it", async () => {
    const service = await makeLiveService((await makeService()).id);
    const template = await makeTemplate(service.id, { type: "email" });
    const file = await uploadAndCheck(service.id, template.id, "people.csv", emailCsv(5));
    await expect(
      sendCheckedFile({
        actor: OPERATOR,
        serviceId: service.id,
        fileId: file.id,
        scheduledFor: new Date(Date.now() + 8 * 86_400_000),
      }),
    ).rejects.toThrow("up to 7 days");
    const jobId = await sendCheckedFile({
      actor: OPERATOR,
      serviceId: service.id,
      fileId: file.id,
      scheduledFor: new Date(Date.now() + 86_400_000),
    });
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "scheduled" });
    await expandJob(jobId);
    expect(await db.notification.count({ where: { jobId } })).toBe(0);

    await cancelJob({ actor: OPERATOR, serviceId: service.id, jobId });
    await db.job.update({ where: { id: jobId }, data: { scheduledFor: new Date() } });
    await expandJob(jobId);
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "cancelled" });
    expect(await db.notification.count({ where: { jobId } })).toBe(0);
    await expect(cancelJob({ actor: OPERATOR, serviceId: service.id, jobId })).rejects.toThrow("Only a scheduled job");
  });

  it("refuses rows suppressed since the check, counting them", async () => {
    const service = await makeLiveService((await makeService()).id);
    const template = await makeTemplate(service.id, { type: "email" });
    const file = await uploadAndCheck(service.id, template.id, "people.csv", emailCsv(10));
    await db.suppressionEntry.create({
      data: { serviceId: service.id, recipientType: "email", recipient: "person-3@example.com", reason: "bounce" },
    });
    const jobId = await sendCheckedFile({ actor: OPERATOR, serviceId: service.id, fileId: file.id });
    await expandJob(jobId);
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({
      status: "finished",
      rowsRefused: 1,
    });
    expect(await db.notification.count({ where: { jobId } })).toBe(9);
  });

  it("gives every row a line in the job's report: refused rows and rows a stopped job never reached say why they were not sent", async () => {
    const service = await makeLiveService((await makeService()).id);
    const template = await makeTemplate(service.id, { type: "email" });
    const report = async (jobId: string) => {
      const job = (await findJobWithFile(service.id, jobId))!;
      const lines = parse(await new Response(jobReportCsv(service.id, job)).text(), { columns: true });
      return lines as Record<"Row number" | "Recipient" | "Status" | "Time (UTC)" | "Reason", string>[];
    };

    // Suppressed since the check, refused on the stored path's own check too, and not in a trial mode's team.
    const file = await uploadAndCheck(service.id, template.id, "people.csv", emailCsv(6));
    await db.suppressionEntry.create({
      data: { serviceId: service.id, recipientType: "email", recipient: "person-3@example.com", reason: "bounce" },
    });
    const jobId = await sendCheckedFile({ actor: OPERATOR, serviceId: service.id, fileId: file.id });
    await expandJob(jobId, { batchSize: 4 });
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ rowsRefused: 1 });
    const lines = await report(jobId);
    expect(lines.map((line) => line["Row number"])).toEqual(["2", "3", "4", "5", "6", "7"]);
    expect(lines[3]).toMatchObject({ Recipient: "person-3@example.com", Status: "Not sent" });
    expect(lines[3]!.Reason).toMatch(/suppression list because .*bounce/i);
    expect(lines[3]!["Time (UTC)"]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(lines.filter((line) => line.Status === "Sending")).toHaveLength(5);
    expect(lines.filter((line) => line.Reason === "")).toHaveLength(5);

    // The service went back to trial mode after the check: every row is refused, saying why.
    const trialFile = await uploadAndCheck(service.id, template.id, "trial.csv", emailCsv(3));
    await db.service.update({ where: { id: service.id }, data: { trialMode: true } });
    const trialJob = await sendCheckedFile({ actor: OPERATOR, serviceId: service.id, fileId: trialFile.id });
    await expandJob(trialJob);
    await db.service.update({ where: { id: service.id }, data: { trialMode: false } });
    const trialLines = await report(trialJob);
    expect(trialLines).toHaveLength(3);
    for (const line of trialLines)
      expect(line).toMatchObject({
        Status: "Not sent",
        Reason: "Your service is in trial mode: you can only send to members of your team and your guest list",
      });

    // The daily limit reached part way: the rows the job never reached have their line, from its file.
    const limitedCsv = emailCsv(30, (index) => `limited-${index}@example.com,Person ${index},REF-${index}`);
    const limitedFile = await uploadAndCheck(service.id, template.id, "limited.csv", limitedCsv);
    const sentToday = await db.notification.count({ where: { serviceId: service.id } });
    await db.service.update({ where: { id: service.id }, data: { emailMessageLimit: sentToday + 15 } });
    const limitedJob = await sendCheckedFile({ actor: OPERATOR, serviceId: service.id, fileId: limitedFile.id });
    await expandJob(limitedJob, { batchSize: 10 });
    expect(await db.job.findUniqueOrThrow({ where: { id: limitedJob } })).toMatchObject({
      status: "sending_limits_exceeded",
    });
    const limitedLines = await report(limitedJob);
    expect(limitedLines.map((line) => Number(line["Row number"]))).toEqual(
      Array.from({ length: 30 }, (_, index) => index + 2),
    );
    expect(limitedLines.slice(0, 10).every((line) => line.Status === "Sending")).toBe(true);
    expect(limitedLines[10]).toMatchObject({
      Recipient: "limited-10@example.com",
      Status: "Not sent",
      Reason: "The service reached its daily limit",
    });
    expect(limitedLines.slice(10).every((line) => line.Status === "Not sent")).toBe(true);
  });
});
