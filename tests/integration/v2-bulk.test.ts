import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { expandJob } from "@/lib/jobs/expand-job";
import { objectInfo } from "@/lib/storage/s3";
import { apiServerForThisFile } from "../support/api-harness";
import { authorizationFor } from "../support/api-token";
import { makeApiKey, makeService, makeTemplate } from "../support/factories";
import { emailCsv, makeLiveService } from "../support/recipient-files";
import { s3StandInForThisFile } from "../support/s3";

const api = apiServerForThisFile();
s3StandInForThisFile();

let serviceId: string;
let templateId: string;
let smsTemplateId: string;
let key: string;

beforeAll(async () => {
  serviceId = (await makeLiveService((await makeService()).id, 10_000)).id;
  templateId = (await makeTemplate(serviceId, { type: "email" })).id;
  smsTemplateId = (await makeTemplate(serviceId, { type: "sms" })).id;
  key = (await makeApiKey(serviceId, "normal")).key;
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${api.url()}${path}`, {
    method: "POST",
    headers: { Authorization: authorizationFor(key), "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
const get = (path: string) => fetch(`${api.url()}${path}`, { headers: { Authorization: authorizationFor(key) } });

describe("POST /v2/notifications/bulk", () => {
  it("creates a job from rows (header first), stores them in S3, and sends every row once", async () => {
    const response = await post("/v2/notifications/bulk", {
      name: "October reminders",
      template_id: templateId,
      rows: [
        ["email address", "name", "reference"],
        ["ada@example.com", "Ada", "R1"],
        ["grace@example.com", "Grace", "R2"],
      ],
      reference: "batch-7",
    });
    expect(response.status).toBe(201);
    const { data } = (await response.json()) as { data: Record<string, unknown> };
    expect(data).toMatchObject({
      original_file_name: "October reminders",
      job_status: "pending",
      notification_count: 2,
      template: templateId,
      template_version: 1,
      service: serviceId,
      scheduled_for: null,
      statistics: [],
    });
    const job = await db.job.findUniqueOrThrow({ where: { id: data.id as string }, include: { file: true } });
    expect(await objectInfo("uploads", job.file.objectKey)).toMatchObject({ size: job.file.sizeBytes });
    expect(job.file.objectKey).toMatch(new RegExp(`^service-${serviceId}/${job.file.id}\\.csv$`));

    await expandJob(job.id);
    const answer = (await (await get(`/v2/jobs/${job.id}`)).json()) as { data: Record<string, unknown> };
    expect(answer.data).toMatchObject({ job_status: "finished", statistics: [{ status: "created", count: 2 }] });
    const notifications = await db.notification.findMany({
      where: { jobId: job.id },
      orderBy: { jobRowNumber: "asc" },
    });
    expect(notifications.map((n) => [n.jobRowNumber, n.recipient, n.clientReference])).toEqual([
      [2, "ada@example.com", "batch-7"],
      [3, "grace@example.com", "batch-7"],
    ]);
  });

  it("takes the rows as a CSV string and schedules the job", async () => {
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const response = await post("/v2/notifications/bulk", {
      name: "csv job",
      template_id: smsTemplateId,
      csv: "phone number,name,code\n07123456781,Ada,1\n07123456782,Grace,2\n",
      scheduled_for: at,
    });
    expect(response.status).toBe(201);
    const { data } = (await response.json()) as { data: Record<string, unknown> };
    expect(data).toMatchObject({ job_status: "scheduled", notification_count: 2 });
    expect(new Date(data.scheduled_for as string).getTime()).toBe(new Date(at).getTime());
  });

  it("sends every row with the reply-to address chosen by reply_to_id, and refuses one the service does not have", async () => {
    await db.serviceEmailReplyTo.create({
      data: { serviceId, emailAddress: "default-replies@example.gov", isDefault: true },
    });
    const chosen = await db.serviceEmailReplyTo.create({ data: { serviceId, emailAddress: "permits@example.gov" } });
    const response = await post("/v2/notifications/bulk", {
      name: "with reply-to",
      template_id: templateId,
      csv: emailCsv(2),
      reply_to_id: chosen.id,
    });
    expect(response.status).toBe(201);
    const { data } = (await response.json()) as { data: { id: string } };
    await expandJob(data.id);
    const notifications = await db.notification.findMany({ where: { jobId: data.id }, select: { replyTo: true } });
    expect(notifications).toEqual([{ replyTo: "permits@example.gov" }, { replyTo: "permits@example.gov" }]);

    const other = await makeService();
    const othersReplyTo = await db.serviceEmailReplyTo.create({
      data: { serviceId: other.id, emailAddress: "theirs@example.gov" },
    });
    const archived = await db.serviceEmailReplyTo.create({
      data: { serviceId, emailAddress: "old@example.gov", archivedAt: new Date() },
    });
    for (const id of ["0190a0a0-0000-7000-8000-000000000000", othersReplyTo.id, archived.id]) {
      const refused = await post("/v2/notifications/bulk", {
        name: "unknown reply-to",
        template_id: templateId,
        csv: emailCsv(1),
        reply_to_id: id,
      });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({
        status_code: 400,
        errors: [
          {
            error: "BadRequestError",
            message: `email_reply_to_id ${id} does not exist in database for service id ${serviceId}`,
          },
        ],
      });
    }
    const notAnId = await post("/v2/notifications/bulk", {
      name: "unknown reply-to",
      template_id: templateId,
      csv: emailCsv(1),
      reply_to_id: "permits",
    });
    expect(notAnId.status).toBe(400);
    expect(((await notAnId.json()) as { errors: { error: string }[] }).errors[0]!.error).toBe("ValidationError");
    expect(await db.job.count({ where: { serviceId, name: "unknown reply-to" } })).toBe(0);
  });

  it("refuses the whole request with every row in error listed, in Notify's error format", async () => {
    const response = await post("/v2/notifications/bulk", {
      name: "bad",
      template_id: templateId,
      csv: "email address,name,reference\nada@example.com,Ada,R1\nnot-an-email,Bob,R2\ngrace@example.com,,R3\n",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      status_code: 400,
      errors: [
        { error: "ValidationError", message: "Row 3 – email address: Not a valid email address" },
        { error: "ValidationError", message: "Row 4 – name: Missing" },
      ],
    });
    expect(await db.job.count({ where: { serviceId, name: "bad" } })).toBe(0);
  });

  it("refuses file-wide errors: a missing column, both rows and csv, an unknown template, a time too far ahead", async () => {
    const missing = await post("/v2/notifications/bulk", {
      name: "x",
      template_id: templateId,
      csv: "email address,name\nada@example.com,Ada\n",
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: { message: string }[] }).errors[0]!.message).toContain("‘reference’");

    const both = await post("/v2/notifications/bulk", { name: "x", template_id: templateId, csv: "a", rows: [["a"]] });
    expect(both.status).toBe(400);
    const neither = await post("/v2/notifications/bulk", { name: "x", template_id: templateId });
    expect(neither.status).toBe(400);

    const unknown = await post("/v2/notifications/bulk", {
      name: "x",
      template_id: "0190a0a0-0000-7000-8000-000000000000",
      csv: emailCsv(1),
    });
    expect(await unknown.json()).toEqual({
      status_code: 400,
      errors: [{ error: "BadRequestError", message: "Template not found" }],
    });

    const late = await post("/v2/notifications/bulk", {
      name: "x",
      template_id: templateId,
      csv: emailCsv(1),
      scheduled_for: new Date(Date.now() + 8 * 86_400_000).toISOString(),
    });
    expect(late.status).toBe(400);
    expect(((await late.json()) as { errors: { message: string }[] }).errors[0]!.message).toContain("7 days");
  });

  it("replays the first answer to a retry with the same Idempotency-Key and creates one job", async () => {
    const body = { name: "idempotent", template_id: templateId, csv: emailCsv(3) };
    const first = await post("/v2/notifications/bulk", body, { "Idempotency-Key": "bulk-1" });
    const second = await post("/v2/notifications/bulk", body, { "Idempotency-Key": "bulk-1" });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(((await second.json()) as { data: { id: string } }).data.id).toBe(
      ((await first.json()) as { data: { id: string } }).data.id,
    );
    expect(await db.job.count({ where: { serviceId, name: "idempotent" } })).toBe(1);
    const other = await post("/v2/notifications/bulk", { ...body, csv: emailCsv(4) }, { "Idempotency-Key": "bulk-1" });
    expect(other.status).toBe(409);
  });

  it("refuses more rows than the service can still send today", async () => {
    const response = await post("/v2/notifications/bulk", {
      name: "big",
      template_id: templateId,
      csv: emailCsv(10_001),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(
      /You can only send [\d,]+ more emails today/,
    );
  });
});

describe("GET /v2/jobs/{id}", () => {
  it("answers 404 for a job of another service and 400 for an id that is not a UUID", async () => {
    const other = await makeLiveService((await makeService()).id);
    const otherKey = (await makeApiKey(other.id)).key;
    const created = await fetch(`${api.url()}/v2/notifications/bulk`, {
      method: "POST",
      headers: { Authorization: authorizationFor(otherKey), "Content-Type": "application/json" },
      body: JSON.stringify({
        name: "theirs",
        template_id: (await makeTemplate(other.id, { type: "email" })).id,
        csv: emailCsv(1),
      }),
    });
    const { data } = (await created.json()) as { data: { id: string } };
    expect((await get(`/v2/jobs/${data.id}`)).status).toBe(404);
    expect((await get(`/v2/jobs/nope`)).status).toBe(400);
  });
});
