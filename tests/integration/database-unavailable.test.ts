import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as sendEmail } from "@/app/v2/notifications/email/route";
import { resetConfig } from "@/lib/config";
import { db, disconnectDb, isDatabaseUnavailable, poolQuery, retryWhileDatabaseUnavailable } from "@/lib/db";
import { authorizationFor } from "../support/api-token";
import { makeApiKey, makeService, makeTemplate } from "../support/factories";
import { startStallingProxy, type StallingProxy } from "../support/stalling-proxy";

// Short timeouts keep the test short; the defaults are in lib/config.
process.env.DATABASE_CONNECT_TIMEOUT_MS = "1000";
process.env.DATABASE_STATEMENT_TIMEOUT_MS = "2000";

let proxy: StallingProxy;

beforeAll(async () => {
  proxy = await startStallingProxy(process.env.DATABASE_URL!);
  process.env.DATABASE_URL = proxy.url;
  resetConfig();
  await disconnectDb();
});

afterAll(async () => {
  proxy.resume();
  await disconnectDb();
  await proxy.close();
});

// Each way lib reaches the database; a raw statement's error carries the driver's reason only in
// its `meta`, where a model query's carries a code of its own.
const statements = {
  "a model query": () => db.service.count(),
  "a raw query": () => db.$queryRaw`SELECT 1`,
  "a raw write": () => db.$executeRaw`UPDATE services SET name = name WHERE false`,
  "a transaction": () => db.$transaction(async (tx) => tx.service.count()),
  "a statement on the pool": () => poolQuery("SELECT 1", []),
};

async function failureOf(statement: () => Promise<unknown>): Promise<unknown> {
  return statement().then(
    () => new Error("the statement succeeded"),
    (error: unknown) => error,
  );
}

describe("a database that went away", () => {
  it.each(Object.entries(statements))(
    "is recognised as unavailable from %s, on a pooled connection it closed and on a new one",
    async (_name, statement) => {
      // A connection opened before the cut, which the pool hands out again afterwards.
      await statement();
      proxy.cut();
      try {
        expect(isDatabaseUnavailable(await failureOf(statement))).toBe(true);
        expect(isDatabaseUnavailable(await failureOf(statement))).toBe(true);
      } finally {
        proxy.resume();
      }
    },
  );

  it("is waited for by a write that records something already done, which lands once it is back", async () => {
    await statements["a raw write"]();
    proxy.cut();
    setTimeout(() => proxy.resume(), 1_500);
    await expect(retryWhileDatabaseUnavailable(statements["a raw write"])).resolves.toBe(0);
  });

  it("is not confused with a refused statement", async () => {
    const refused = await failureOf(() => db.$executeRaw`UPDATE no_such_table SET x = 1`);
    expect(isDatabaseUnavailable(refused)).toBe(false);
  });
});

describe("a database out of disk space or memory", () => {
  // PostgreSQL's own errors for it (SQLSTATE 53100 disk_full, 53200 out_of_memory), raised by a
  // trigger on every write of notifications, as a full disk fails every write that needs a new page.
  async function failNotificationWrites(sqlstate: "disk_full" | "out_of_memory") {
    await db.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION fail_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '${sqlstate}'; END $$`);
    await db.$executeRawUnsafe(`
      CREATE OR REPLACE TRIGGER fail_for_test BEFORE INSERT OR UPDATE ON notifications
      FOR EACH STATEMENT EXECUTE FUNCTION fail_for_test()`);
  }
  const allowNotificationWrites = () => db.$executeRawUnsafe("DROP TRIGGER IF EXISTS fail_for_test ON notifications");
  const writes = {
    "a model write": () => db.notification.updateMany({ where: { id: randomUUID() }, data: { clientReference: "x" } }),
    "a raw write": () => db.$executeRaw`UPDATE notifications SET client_reference = client_reference WHERE false`,
    "a transaction": () =>
      db.$transaction((tx) =>
        tx.notification.updateMany({ where: { id: randomUUID() }, data: { clientReference: "x" } }),
      ),
    "a statement on the pool": () =>
      poolQuery("UPDATE notifications SET client_reference = client_reference WHERE false", []),
  };

  it.each(["disk_full", "out_of_memory"] as const)(
    "counts %s as the database unavailable, from every way in",
    async (sqlstate) => {
      await failNotificationWrites(sqlstate);
      try {
        for (const [name, write] of Object.entries(writes))
          expect(isDatabaseUnavailable(await failureOf(write)), name).toBe(true);
      } finally {
        await allowNotificationWrites();
      }
    },
  );

  it("makes the API answer a send with Notify's 503, never a 500", async () => {
    const service = await makeService({ trialMode: false });
    const template = await makeTemplate(service.id, { type: "email" });
    const { key } = await makeApiKey(service.id);
    await failNotificationWrites("disk_full");
    try {
      const response = await sendEmail(
        new Request("http://localhost/v2/notifications/email", {
          method: "POST",
          headers: { Authorization: authorizationFor(key), "Content-Type": "application/json" },
          body: JSON.stringify({
            template_id: template.id,
            email_address: "someone@example.com",
            personalisation: { name: "Ada", reference: "R-1" },
          }),
        }),
        { params: Promise.resolve({}) },
      );
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        status_code: 503,
        errors: [{ error: "ServiceUnavailableError", message: "Service temporarily unavailable" }],
      });
    } finally {
      await allowNotificationWrites();
    }
    expect(await db.notification.count({ where: { serviceId: service.id } })).toBe(0);
  });
});
