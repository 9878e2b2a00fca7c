import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config";
import { db, disconnectDb } from "@/lib/db";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrations";
import { enqueue, installJobQueues, startJobSender, stopJobSender } from "@/lib/queue/boss";
import { queues } from "@/lib/queue/queues";
import { storeAcceptedNotification } from "@/lib/notifications/store-accepted";
import { makeService, makeTemplate } from "../support/factories";

// `npm start` without DATABASE_URL runs on PGlite, which serves one transaction at a time: a
// transaction that waits for pg-boss's own connections would wait forever. Sending must not.
let embedded: EmbeddedPostgres;
let dataDir: string;
let serverUrl: string | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "tidings-embedded-"));
  embedded = await startEmbeddedPostgres(dataDir);
  await migrate(embedded.url);
  await installJobQueues(embedded.url);
  await stopJobSender();
  await disconnectDb();
  serverUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = embedded.url;
  resetConfig();
}, 120_000);

afterAll(async () => {
  await stopJobSender();
  await disconnectDb();
  process.env.DATABASE_URL = serverUrl;
  resetConfig();
  await embedded?.stop();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

const jobsOf = (name: string) =>
  db.$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM pgboss.job WHERE name = ${name}`.then(([row]) =>
    Number(row!.count),
  );

describe("sending on the embedded database", () => {
  it("stores an accepted notification with its job, the first one included", async () => {
    const service = await makeService({ trialMode: false });
    const template = await makeTemplate(service.id, { type: "email", subject: "Hi", content: "Hello" });
    const row = {
      id: crypto.randomUUID(),
      createdAt: new Date(),
      serviceId: service.id,
      templateId: template.id,
      templateVersion: 1,
      type: "email" as const,
      recipient: "someone@example.com",
      normalisedRecipient: "someone@example.com",
      personalisation: {},
      subject: "Hi",
      body: "Hello",
      clientReference: null,
      apiKeyId: null,
      keyType: "normal" as const,
      createdById: null,
      replyTo: null,
      smsSender: null,
      unsubscribeUrl: null,
      billableUnits: 1,
      international: false,
      scheduledFor: null,
      refuseIfSuppressed: true,
    };
    await storeAcceptedNotification({ data: row, queue: queues.deliverEmail });
    expect(await db.notification.count({ where: { id: row.id } })).toBe(1);
    expect(await jobsOf("deliver-email")).toBe(1);
  }, 30_000);

  it("sends a job inside a transaction once the sender has started", async () => {
    const service = await makeService();
    await startJobSender();
    await db.$transaction((tx) =>
      enqueue(
        queues.sendCallback,
        { serviceId: service.id, callbackType: "delivery_status", subjectId: crypto.randomUUID() },
        { transaction: tx },
      ),
    );
    expect(await jobsOf("send-callback")).toBe(1);
  }, 30_000);
});
