import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { previousUtcDay, readSnapshotManifest, writeDailySnapshot } from "@/lib/snapshots/write-snapshot";
import { objectInfo, objectText } from "@/lib/storage/s3";
import { storeNotification } from "../support/accepted-notifications";
import { makeService, makeTemplate, makeUser } from "../support/factories";
import { s3StandInForThisFile } from "../support/s3";

s3StandInForThisFile();

const now = new Date();
const day = previousUtcDay(now);
const isoDay = day.toISOString().slice(0, 10);
const during = new Date(day.getTime() + 12 * 3_600_000);

// What must never reach a snapshot: people, recipients, personalisation, message and template text.
const PERSONAL = [
  "zebedee.private@example.com",
  "+447911123456",
  "Zebedee-Personalised",
  "Secret template words",
  "Body with Zebedee",
];
let staffEmail: string;
let serviceId: string;
let jobId: string;

beforeAll(async () => {
  const staff = await makeUser({ name: "Staff Member Person" });
  staffEmail = staff.email;
  const service = await makeService({ members: [{ userId: staff.id }] });
  serviceId = service.id;
  const email = await makeTemplate(service.id, { type: "email", content: "Secret template words ((name))" });
  const sms = await makeTemplate(service.id, { type: "sms", content: "Secret template words ((name))" });
  for (const status of ["delivered", "delivered", "permanent-failure"] as const)
    await storeNotification(email, {
      recipient: "zebedee.private@example.com",
      personalisation: { name: "Zebedee-Personalised" },
      body: "Body with Zebedee",
      status: status === "permanent-failure" ? "permanent_failure" : status,
      createdAt: during,
    });
  const sent = await storeNotification(sms, { recipient: "+447911123456", status: "sending", createdAt: during });
  const file = await db.recipientFile.create({
    data: {
      serviceId,
      templateId: sms.id,
      type: "sms",
      bucket: "uploads",
      objectKey: `service-${serviceId}/zebedee-list.csv`,
      originalName: "October reminders.csv",
      sizeBytes: 40,
      status: "valid",
      rowCount: 1,
    },
  });
  const job = await db.job.create({
    data: {
      serviceId,
      templateId: sms.id,
      templateVersion: 1,
      type: "sms",
      name: "October reminders.csv",
      fileId: file.id,
      status: "in_progress",
      rowCount: 1,
      createdAt: during,
    },
  });
  jobId = job.id;
  await db.notification.update({ where: { id: sent.id }, data: { jobId: job.id, jobRowNumber: 1 } });
  await db.providerEvent.create({
    data: {
      snsMessageId: "snapshot-test-1",
      source: "ses",
      eventType: "Delivery",
      serviceId,
      payload: { mail: { destination: ["zebedee.private@example.com"] } },
      receivedAt: during,
    },
  });
});

async function filesOf(day: string) {
  const manifest = (await readSnapshotManifest(day))!;
  const files = await Promise.all(
    manifest.files.map(async (file) => ({ ...file, text: await objectText("snapshots", file.key) })),
  );
  return { manifest, files };
}

describe("the nightly snapshot", () => {
  it("writes the previous day's files and a manifest with their row counts and checksums", async () => {
    const { manifest, replaced } = await writeDailySnapshot({ now });
    expect(replaced).toBe(false);
    expect(manifest).toMatchObject({ format: "tidings-snapshot/1", day: isoDay, migration: expect.any(String) });
    expect(manifest.files.map((file) => file.name)).toEqual([
      "services",
      "templates",
      "notification_counts",
      "provider_events",
      "jobs",
      "campaigns",
    ]);
    const { files } = await filesOf(isoDay);
    for (const file of files) {
      expect(file.key).toMatch(new RegExp(`^snapshots/${isoDay}/[0-9a-f-]+/${file.name}\\.ndjson$`));
      expect(createHash("sha256").update(file.text).digest("hex")).toBe(file.sha256);
      expect(Buffer.byteLength(file.text)).toBe(file.bytes);
      const lines = file.text.split("\n").filter(Boolean);
      expect(lines).toHaveLength(file.rows);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    }
    const rows = (name: string) =>
      files
        .find((file) => file.name === name)!
        .text.split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows("notification_counts").filter((row) => row.service_id === serviceId)).toEqual([
      { day: isoDay, service_id: serviceId, channel: "email", status: "delivered", count: 2 },
      { day: isoDay, service_id: serviceId, channel: "email", status: "permanent_failure", count: 1 },
      { day: isoDay, service_id: serviceId, channel: "sms", status: "sending", count: 1 },
    ]);
    expect(rows("provider_events")).toEqual([
      { day: isoDay, service_id: serviceId, source: "ses", event_type: "Delivery", count: 1 },
    ]);
    expect(rows("jobs").filter((row) => row.service_id === serviceId)).toEqual([
      expect.objectContaining({ id: jobId, status: "in progress", messages_by_status: { sending: 1 } }),
    ]);
    expect(rows("templates").filter((row) => row.service_id === serviceId)).toHaveLength(2);
    expect(rows("services").some((row) => row.id === serviceId)).toBe(true);
  });

  it("holds no personal data: no recipients, personalisation, message or template text, or staff", async () => {
    const { manifest, files } = await filesOf(isoDay);
    const everything = [JSON.stringify(manifest), ...files.map((file) => file.text)].join("\n");
    for (const personal of [...PERSONAL, staffEmail, "Staff Member Person"]) expect(everything).not.toContain(personal);
    expect(everything).not.toMatch(/@example\.com/);
    expect(everything).not.toMatch(/personalisation|recipient|content|subject|body/i);
  });

  it("replaces a day atomically when run again: the new files, then the manifest, then the old files go", async () => {
    const before = (await readSnapshotManifest(isoDay))!;
    const { manifest, replaced } = await writeDailySnapshot({ now: new Date(now.getTime() + 1000) });
    expect(replaced).toBe(true);
    expect(await readSnapshotManifest(isoDay)).toEqual(manifest);
    for (const file of manifest.files) expect(await objectInfo("snapshots", file.key)).not.toBeNull();
    for (const file of before.files) {
      expect(manifest.files.map((current) => current.key)).not.toContain(file.key);
      expect(await objectInfo("snapshots", file.key)).toBeNull();
    }
    expect(manifest.files.map((file) => file.sha256)).toEqual(before.files.map((file) => file.sha256));
  });
});
