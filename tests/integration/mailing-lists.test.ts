import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postUnsubscribe } from "@/app/api/unsubscribe/[token]/route";
import { signToken } from "@/lib/crypto/signed-tokens";
import { db } from "@/lib/db";
import { countAudience } from "@/lib/mailing-lists/audience";
import { findSubscription } from "@/lib/mailing-lists/change-subscription";
import {
  finishDirectSubscriberImport,
  importSubscribers,
  startDirectSubscriberImport,
} from "@/lib/mailing-lists/import-subscribers";
import { findSubscriberImport } from "@/lib/mailing-lists/queries";
import { readSubscriberImport } from "@/lib/mailing-lists/read-subscriber-import";
import { countSegment } from "@/lib/mailing-lists/segments";
import { subscribersCsv } from "@/lib/mailing-lists/subscribers-csv";
import { readUnsubscribeToken, signUnsubscribeToken } from "@/lib/mailing-lists/unsubscribe-token";
import { OPERATOR } from "@/lib/permissions";
import { objectInfo } from "@/lib/storage/s3";
import { suppressRecipient } from "@/lib/suppression/suppression-list";
import { apiServerForThisFile } from "../support/api-harness";
import { authorizationFor } from "../support/api-token";
import { importAndRead, makeCampaignService, makeMailingList } from "../support/campaigns";
import { makeApiKey, makeService } from "../support/factories";
import { s3StandInForThisFile } from "../support/s3";

s3StandInForThisFile();
const api = apiServerForThisFile();
let serviceId: string;

beforeAll(async () => {
  serviceId = (await makeCampaignService()).service.id;
});

const csv = (lines: string[]) => Buffer.from(lines.join("\n"));
const subscriberOf = (listId: string, email: string) =>
  db.subscriber.findFirstOrThrow({ where: { listId, normalisedEmail: email } });

describe("importing subscribers", () => {
  it("adds new people, updates existing ones by address, reports invalid rows, and never resubscribes anyone", async () => {
    const listId = await makeMailingList(serviceId, 2);
    await db.subscriber.updateMany({
      where: { listId, normalisedEmail: "person-000001@example.com" },
      data: { status: "unsubscribed" },
    });
    const report = await importAndRead(
      serviceId,
      listId,
      "people.csv",
      csv([
        "Email address,name,postcode",
        "person-000000@example.com,Renamed,SW1A 1AA",
        "PERSON-000001@example.com,,N1 9GU",
        "new.person@example.com,New Person,E1 6AN",
        "not an address,Nobody,E2",
        ",Empty,E3",
      ]),
    );
    expect(report).toMatchObject({
      status: "done",
      added: 1,
      updated: 2,
      invalidCount: 2,
      rowsRead: 5,
      percent: 100,
      invalidRowList: [
        { row: 5, message: "Not a valid email address" },
        { row: 6, message: "No email address" },
      ],
    });
    // The uploaded file is not kept once read.
    expect(await objectInfo("uploads", report.objectKey)).toBeNull();
    expect(await subscriberOf(listId, "person-000000@example.com")).toMatchObject({
      name: "Renamed",
      attributes: { reference: "R0", postcode: "SW1A 1AA" },
    });
    expect(await subscriberOf(listId, "person-000001@example.com")).toMatchObject({
      name: "Person 1",
      status: "unsubscribed",
    });
    expect(await subscriberOf(listId, "new.person@example.com")).toMatchObject({ status: "subscribed" });
  });

  it("says why a file cannot be imported: no email column, no rows, not a spreadsheet, empty, too big", async () => {
    const listId = await makeMailingList(serviceId, 0);
    expect(await importAndRead(serviceId, listId, "x.csv", csv(["name", "Someone"]))).toMatchObject({
      status: "failed",
      error: "The file needs a column called ‘email address’.",
    });
    expect(await importAndRead(serviceId, listId, "x.csv", csv(["Email-Address,name"]))).toMatchObject({
      status: "failed",
      error: "The file has column headings but no rows of subscribers.",
    });
    expect(await importAndRead(serviceId, listId, "x.csv", Buffer.from([0x50, 0x4b, 0, 0, 0xff, 0xfe]))).toMatchObject({
      status: "failed",
      error: expect.stringContaining("The file is not"),
    });
    expect(await importAndRead(serviceId, listId, "x.xlsx", Buffer.from("not a zip"))).toMatchObject({
      status: "failed",
      error: "The file is not a valid XLSX spreadsheet.",
    });
    const refusal = (fileName: string, sizeBytes: number) =>
      importSubscribers({ actor: OPERATOR, serviceId, listId, fileName, sizeBytes, body: Buffer.from("x") });
    await expect(refusal("people.pdf", 10)).rejects.toMatchObject({
      fieldErrors: { file: "The file must be a spreadsheet: CSV, TSV, XLSX or ODS" },
    });
    await expect(refusal("people.csv", 0)).rejects.toMatchObject({ fieldErrors: { file: "The file is empty" } });
    await expect(refusal("people.csv", 200 * 1024 * 1024)).rejects.toMatchObject({
      fieldErrors: { file: expect.stringContaining("larger than 100 MB") },
    });
    expect(await db.subscriber.count({ where: { listId } })).toBe(0);
  });

  it("goes straight from the browser to S3, and writes its progress as the worker reads a large file", async () => {
    const listId = await makeMailingList(serviceId, 0);
    const rows = 30_000;
    const body = Buffer.from(
      [
        "email address,name,team",
        ...Array.from({ length: rows }, (_, i) => `bulk-${i}@example.com,Person ${i},T${i % 7}`),
      ].join("\n"),
    );
    const started = await startDirectSubscriberImport({
      actor: OPERATOR,
      serviceId,
      listId,
      fileName: "bulk.csv",
      sizeBytes: body.length,
    });
    const put = await fetch(started.url, { method: "PUT", body, headers: { "Content-Type": started.contentType } });
    expect(put.ok).toBe(true);
    const importId = await finishDirectSubscriberImport({
      actor: OPERATOR,
      serviceId,
      listId,
      fileId: started.fileId,
      fileName: "bulk.csv",
    });
    expect(await findSubscriberImport(serviceId, listId, importId)).toMatchObject({ status: "importing", percent: 0 });
    const seen: number[] = [];
    let reading = true;
    const watching = (async () => {
      while (reading) {
        const now = await findSubscriberImport(serviceId, listId, importId);
        if (now?.status === "importing") seen.push(now.percent);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await readSubscriberImport(importId);
    reading = false;
    await watching;
    expect(seen.some((percent) => percent > 0 && percent < 100)).toBe(true);
    expect(await findSubscriberImport(serviceId, listId, importId)).toMatchObject({
      status: "done",
      added: rows,
      rowsRead: rows,
      percent: 100,
    });
    expect(await db.subscriber.count({ where: { listId, status: "subscribed" } })).toBe(rows);
    await expect(
      finishDirectSubscriberImport({
        actor: OPERATOR,
        serviceId,
        listId,
        fileId: started.fileId,
        fileName: "other.csv",
      }),
    ).rejects.toThrow("The upload was not found");
  });

  it("carries on after a crash from the last batch it stored, counting nobody twice", async () => {
    const listId = await makeMailingList(serviceId, 0);
    const lines = ["email address,name"];
    for (let i = 0; i < 2500; i++)
      lines.push(i % 500 === 7 ? `not an address ${i},Nobody` : `resumed-${i}@example.com,P${i}`);
    const body = csv(lines);
    const importId = await importSubscribers({
      actor: OPERATOR,
      serviceId,
      listId,
      fileName: "resumed.csv",
      sizeBytes: body.length,
      body,
    });
    // The worker dies while storing the second batch (rows 1,001 to 2,000): that batch is rolled back.
    // A sequence, not a table, says it already failed once, since the failure undoes every write.
    await db.$executeRawUnsafe(`CREATE SEQUENCE import_crash_once`);
    await db.$executeRawUnsafe(`CREATE FUNCTION import_crash() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.stored_through_row > 1000 AND nextval('import_crash_once') = 1 THEN RAISE EXCEPTION 'worker killed'; END IF;
        RETURN NEW;
      END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER import_crash BEFORE UPDATE ON subscriber_imports FOR EACH ROW EXECUTE FUNCTION import_crash()`,
    );
    try {
      await expect(readSubscriberImport(importId)).rejects.toThrow("worker killed");
      expect(await findSubscriberImport(serviceId, listId, importId)).toMatchObject({
        status: "importing",
        added: 997,
        invalidCount: 2,
        rowsRead: 999,
      });
      await readSubscriberImport(importId);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER import_crash ON subscriber_imports`);
    }
    expect(await findSubscriberImport(serviceId, listId, importId)).toMatchObject({
      status: "done",
      added: 2495,
      updated: 0,
      invalidCount: 5,
      rowsRead: 2500,
      invalidRowList: [8, 508, 1008, 1508, 2008].map((row) => ({ row: row + 1, message: "Not a valid email address" })),
    });
    expect(await db.subscriber.count({ where: { listId } })).toBe(2495);
  });
});

describe("exporting subscribers", () => {
  it("gives every subscriber of the list, with their name, every attribute, status and since when, as CSV", async () => {
    const listId = await makeMailingList(serviceId, 3);
    await db.subscriber.updateMany({
      where: { listId, normalisedEmail: "person-000001@example.com" },
      data: { status: "unsubscribed", attributes: { reference: "R1", postcode: "N1 9GU" } },
    });
    await db.subscriber.updateMany({
      where: { listId, normalisedEmail: "person-000002@example.com" },
      data: { name: null },
    });
    // Another list's subscriber is not in it.
    await makeMailingList(serviceId, 1, 50);

    const text = await new Response(await subscribersCsv(serviceId, listId)).text();
    const [header, ...rows] = parse(text) as string[][];
    expect(header).toEqual(["email address", "name", "postcode", "reference", "status", "subscribed since (UTC)"]);
    expect(rows.map((row) => row.slice(0, 5))).toEqual([
      ["person-000000@example.com", "Person 0", "", "R0", "subscribed"],
      ["person-000001@example.com", "Person 1", "N1 9GU", "R1", "unsubscribed"],
      ["person-000002@example.com", "", "", "R2", "subscribed"],
    ]);
    const since = await db.subscriber.findFirstOrThrow({
      where: { listId, normalisedEmail: "person-000000@example.com" },
    });
    expect(rows[0]![5]).toBe(since.createdAt.toISOString());
    // Another service's list exports nobody.
    const other = await makeService();
    expect(await new Response(await subscribersCsv(other.id, listId)).text()).toBe(
      "email address,name,status,subscribed since (UTC)\n",
    );
  });
});

describe("importing an export again", () => {
  it("keeps who left the list off it, in a new list and in the same one, and reads neither added column as an attribute", async () => {
    const listId = await makeMailingList(serviceId, 3);
    await db.subscriber.updateMany({
      where: { listId, normalisedEmail: "person-000001@example.com" },
      data: { status: "unsubscribed" },
    });
    await db.subscriber.updateMany({
      where: { listId, normalisedEmail: "person-000002@example.com" },
      data: { status: "bounced" },
    });
    const exported = await new Response(await subscribersCsv(serviceId, listId)).text();

    const copyId = await makeMailingList(serviceId, 0);
    expect(await importAndRead(serviceId, copyId, "export.csv", exported)).toMatchObject({ status: "done", added: 3 });
    const copied = await db.subscriber.findMany({ where: { listId: copyId }, orderBy: { normalisedEmail: "asc" } });
    expect(copied.map(({ status, attributes }) => ({ status, attributes }))).toEqual([
      { status: "subscribed", attributes: { reference: "R0" } },
      { status: "unsubscribed", attributes: { reference: "R1" } },
      { status: "bounced", attributes: { reference: "R2" } },
    ]);
    expect(copied[1]!.unsubscribedAt).not.toBeNull();

    // Into a list where everyone is subscribed: the export's leavers leave; nobody is resubscribed.
    const sameId = await makeMailingList(serviceId, 3);
    await db.subscriber.updateMany({
      where: { listId: sameId, normalisedEmail: "person-000000@example.com" },
      data: { status: "complained" },
    });
    await importAndRead(serviceId, sameId, "export.csv", exported);
    const same = await db.subscriber.findMany({ where: { listId: sameId }, orderBy: { normalisedEmail: "asc" } });
    expect(same.map((subscriber) => subscriber.status)).toEqual(["complained", "unsubscribed", "bounced"]);

    // A status that is none of them is a row not imported, said why.
    const report = await importAndRead(
      serviceId,
      copyId,
      "edited.csv",
      csv(["email address,status,subscribed since (UTC)", "someone@example.com,maybe,"]),
    );
    expect(report).toMatchObject({
      added: 0,
      invalidRowList: [{ row: 2, message: "Status must be subscribed, unsubscribed, bounced or complained" }],
    });
  });

  it("reads a status column of a file of the sender's own as an attribute", async () => {
    const listId = await makeMailingList(serviceId, 0);
    await importAndRead(serviceId, listId, "own.csv", csv(["email address,status", "member@example.com,gold"]));
    expect(await subscriberOf(listId, "member@example.com")).toMatchObject({
      status: "subscribed",
      attributes: { status: "gold" },
    });
  });
});

describe("audiences and segments", () => {
  it("counts each address once over several lists, without the unsubscribed and the suppressed", async () => {
    const first = await makeMailingList(serviceId, 10);
    const second = await makeMailingList(serviceId, 10, 5);
    await db.subscriber.updateMany({
      where: { listId: second, normalisedEmail: "person-000014@example.com" },
      data: { status: "bounced" },
    });
    await suppressRecipient(db, {
      serviceId,
      type: "email",
      recipient: "person-000003@example.com",
      reason: "complaint",
    });
    expect(
      await countAudience(
        serviceId,
        [first, second].map((listId) => ({ listId, segment: null })),
      ),
    ).toEqual({
      subscribed: 14,
      sendable: 13,
    });
  });

  it("narrows a list by equals, contains, is set and dates, combined with and or or", async () => {
    const listId = await makeMailingList(serviceId, 0);
    await importAndRead(
      serviceId,
      listId,
      "people.csv",
      csv([
        "email address,name,area,joined",
        "a@example.com,Ann,North,2025-01-10",
        "b@example.com,Bob,North East,2025-06-01",
        "c@example.com,Cat,,2026-02-01",
        "d@example.com,Dan,South,not a date",
      ]),
    );
    const count = async (match: "all" | "any", conditions: object[]) =>
      (await countSegment(serviceId, listId, { name: "s", match, conditions }))!.sendable;
    expect(await count("all", [{ field: "area", operator: "equals", value: "north" }])).toBe(1);
    expect(await count("all", [{ field: "area", operator: "contains", value: "north" }])).toBe(2);
    expect(await count("all", [{ field: "area", operator: "is_set" }])).toBe(3);
    expect(await count("all", [{ field: "joined", operator: "before", value: "2025-12-31" }])).toBe(2);
    expect(await count("all", [{ field: "joined", operator: "after", value: "2025-03-01" }])).toBe(2);
    expect(
      await count("all", [
        { field: "area", operator: "contains", value: "north" },
        { field: "joined", operator: "after", value: "2025-03-01" },
      ]),
    ).toBe(1);
    expect(
      await count("any", [
        { field: "area", operator: "equals", value: "south" },
        { field: "name", operator: "equals", value: "cat" },
      ]),
    ).toBe(2);
    expect(
      await countSegment(serviceId, listId, {
        name: "s",
        conditions: [{ field: "joined", operator: "before", value: "soon" }],
      }),
    ).toBeNull();
  });
});

describe("one-click unsubscribe", () => {
  const post = (token: string, body: string) =>
    postUnsubscribe(
      new Request(`http://localhost/unsubscribe/${token}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body,
      }),
      { params: Promise.resolve({ token }) },
    );

  async function subscriberWithToken() {
    const listId = await makeMailingList(serviceId, 1, Math.floor(Math.random() * 100_000));
    const subscriber = await db.subscriber.findFirstOrThrow({ where: { listId } });
    const campaignId = crypto.randomUUID();
    return { subscriber, campaignId, token: signUnsubscribeToken({ subscriberId: subscriber.id, listId, campaignId }) };
  }
  const statusOf = async (id: string) => (await db.subscriber.findUniqueOrThrow({ where: { id } })).status;

  it("unsubscribes with List-Unsubscribe=One-Click, with no cookie or page, counted against the campaign", async () => {
    const { subscriber, campaignId, token } = await subscriberWithToken();
    const response = await post(token, "List-Unsubscribe=One-Click");
    expect(response.status).toBe(200);
    expect(await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({
      status: "unsubscribed",
      unsubscribedVia: campaignId,
    });
    // Mail providers may post again: nothing changes.
    expect((await post(token, "List-Unsubscribe=One-Click")).status).toBe(200);
  });

  it("refuses a token that was altered, cut short or signed for something else", async () => {
    const { subscriber, token } = await subscriberWithToken();
    const [payload, signature] = token.split(".") as [string, string];
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
    const forged = [
      `${flip(payload, 3)}.${signature}`,
      `${payload}.${flip(signature, 5)}`,
      `${payload}.${signature.slice(0, -2)}`,
      payload,
      signToken("invitation", Buffer.from(payload, "base64url")),
    ];
    for (const attempt of forged) {
      expect(readUnsubscribeToken(attempt)).toBeNull();
      expect((await post(attempt, "List-Unsubscribe=One-Click")).status).toBe(404);
    }
    expect(await statusOf(subscriber.id)).toBe("subscribed");
  });

  it("changes nothing without the one-click body, or when only looked at (what the GET page shows)", async () => {
    const { subscriber, token } = await subscriberWithToken();
    expect((await post(token, "")).status).toBe(400);
    expect(await findSubscription(token)).toMatchObject({ email: subscriber.email, subscribed: true });
    expect(await statusOf(subscriber.id)).toBe("subscribed");
  });

  it("lets someone subscribe again from the confirmation page", async () => {
    const { subscriber, token } = await subscriberWithToken();
    const unsubscribed = await post(token, "action=unsubscribe");
    expect(unsubscribed.status).toBe(303);
    expect(unsubscribed.headers.get("location")).toBe(`/unsubscribe/${token}?done=unsubscribed`);
    expect(await statusOf(subscriber.id)).toBe("unsubscribed");
    expect((await post(token, "action=resubscribe")).headers.get("location")).toBe(
      `/unsubscribe/${token}?done=resubscribed`,
    );
    expect(await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({
      status: "subscribed",
      unsubscribedVia: null,
    });
  });
});

describe("/v2/lists/{id}/subscribers", () => {
  it("adds, updates, lists and removes subscribers of the key's own service's lists only", async () => {
    const listId = await makeMailingList(serviceId, 0);
    const { key } = await makeApiKey(serviceId);
    const call = (method: string, path: string, body?: object) =>
      fetch(`${api.url()}/v2/lists/${listId}/subscribers${path}`, {
        method,
        headers: { Authorization: authorizationFor(key), "Content-Type": "application/json" },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const added = await call("POST", "", {
      email_address: "api@example.com",
      name: "Api",
      attributes: { plan: "gold" },
    });
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual({ added: true });
    expect(
      await (await call("POST", "", { email_address: "API@example.com", attributes: { plan: "silver" } })).json(),
    ).toEqual({ added: false });
    const listed = (await (await call("GET", "")).json()) as { subscribers: object[]; total: number };
    expect(listed).toMatchObject({
      total: 1,
      subscribers: [
        { email_address: "API@example.com", name: "Api", attributes: { plan: "silver" }, status: "subscribed" },
      ],
    });

    const invalid = await call("POST", "", { email_address: "nope" });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe(
      "Not a valid email address",
    );

    expect((await call("DELETE", "?email_address=api%40example.com")).status).toBe(200);
    expect((await call("DELETE", "?email_address=api%40example.com")).status).toBe(404);

    const other = await makeService({ trialMode: false });
    const { key: otherKey } = await makeApiKey(other.id);
    const foreign = await fetch(`${api.url()}/v2/lists/${listId}/subscribers`, {
      headers: { Authorization: authorizationFor(otherKey) },
    });
    expect(foreign.status).toBe(404);
  });
});

describe("an import that fails for a reason of Tidings' own", () => {
  it("ends failed with a message after the last attempt, and leaves a finished import alone", async () => {
    const { recordImportFailure } = await import("@/lib/mailing-lists/read-subscriber-import");
    const { service } = await makeCampaignService();
    const listId = await makeMailingList(service.id, 0);
    const done = await importAndRead(service.id, listId, "people.csv", "email address\nada@example.com\n");
    await recordImportFailure(done.id);
    expect((await findSubscriberImport(service.id, listId, done.id))!.status).toBe("done");

    const stuck = await db.subscriberImport.create({
      data: {
        serviceId: service.id,
        listId,
        bucket: "uploads",
        objectKey: `service-${service.id}/stuck.csv`,
        originalName: "stuck.csv",
        sizeBytes: 10,
      },
    });
    await recordImportFailure(stuck.id);
    expect(await findSubscriberImport(service.id, listId, stuck.id)).toMatchObject({
      status: "failed",
      error: expect.stringContaining("could not finish reading the file"),
    });
  });
});
