import { beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { materialiseCampaigns } from "@/lib/campaigns/materialise-campaigns";
import { previewCampaign } from "@/lib/campaigns/preview-campaign";
import { audiencePartsOf, findCampaign } from "@/lib/campaigns/queries";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { deleteContactList, findContactList, saveContactList } from "@/lib/contact-lists/contact-lists";
import { db } from "@/lib/db";
import { countAudience } from "@/lib/mailing-lists/audience";
import { unsubscribeByToken } from "@/lib/mailing-lists/change-subscription";
import { importsUnderWay } from "@/lib/mailing-lists/queries";
import { readSubscriberImport } from "@/lib/mailing-lists/read-subscriber-import";
import { signUnsubscribeToken } from "@/lib/mailing-lists/unsubscribe-token";
import type { NotificationType } from "@/lib/generated/prisma/enums";
import { OPERATOR } from "@/lib/permissions";
import { checkStoredRecipientFile } from "@/lib/recipient-files/check-stored-file";
import { makeCampaignService, makeMailingList } from "../support/campaigns";
import { s3StandInForThisFile } from "../support/s3";

s3StandInForThisFile();

let serviceId: string;
let templateId: string;
beforeAll(async () => {
  const made = await makeCampaignService();
  serviceId = made.service.id;
  templateId = made.template.id;
});

/** Saves a contact list and checks it in this process (the worker's job, run directly). */
async function savedContactList(name: string, type: NotificationType, lines: string[]) {
  const body = Buffer.from(lines.join("\n"));
  const id = await saveContactList({
    actor: OPERATOR,
    serviceId,
    name,
    type,
    fileName: `${name}.csv`,
    sizeBytes: body.length,
    body,
  });
  await checkStoredRecipientFile((await findContactList(serviceId, id))!.file.id);
  return id;
}

/** Reads every copy of a contact list still under way, as the worker would. */
async function copyContactListsIn() {
  const pending = await db.subscriberImport.findMany({ where: { serviceId, status: "importing" } });
  for (const copy of pending) await readSubscriberImport(copy.id);
}

const person = (index: number) => `person-${String(index).padStart(6, "0")}@example.com`;

describe("a contact list as a campaign's audience", () => {
  it("is copied into a list of its own, counted, sent to once beside a mailing list, and unsubscribed from for good", async () => {
    // Five tenants, person 0 to 4; the mailing list has person 3 to 7: eight addresses.
    const tenants = await savedContactList("Tenants", "email", [
      "Email-Address,Name,Reference",
      ...[0, 1, 2, 3, 4].map((index) => `${person(index).toUpperCase()},Tenant ${index},C${index}`),
    ]);
    const newsletter = await makeMailingList(serviceId, 5, 3);
    const created = await createCampaign({
      actor: OPERATOR,
      serviceId,
      campaign: { name: "To tenants", templateId, audiences: [{ listId: newsletter }], contactListIds: [tenants] },
    });

    const owned = await db.mailingList.findUniqueOrThrow({ where: { contactListId: tenants } });
    expect(owned.name).toBe("Tenants (contact list)");
    expect((await findCampaign(serviceId, created.id)).audiences.map((audience) => audience.listName).sort()).toEqual(
      [(await db.mailingList.findUniqueOrThrow({ where: { id: newsletter } })).name, "Tenants (contact list)"].sort(),
    );
    expect(await importsUnderWay(serviceId, [owned.id])).toHaveLength(1);
    await expect(
      sendCampaign({ actor: OPERATOR, serviceId, campaignId: created.id, scheduledFor: null }),
    ).rejects.toThrow("‘Tenants (contact list)’ is still being copied in");

    await copyContactListsIn();
    expect(await importsUnderWay(serviceId, [owned.id])).toEqual([]);
    expect(await countAudience(serviceId, await audiencePartsOf(created.id))).toEqual({ subscribed: 8, sendable: 8 });
    const tenant1 = await db.subscriber.findFirstOrThrow({ where: { listId: owned.id, normalisedEmail: person(1) } });
    expect(tenant1).toMatchObject({
      email: person(1).toUpperCase(),
      name: "Tenant 1",
      attributes: { Reference: "C1" },
    });
    expect((await findContactList(serviceId, tenants))!.lastUsedAt).not.toBeNull();

    await sendCampaign({ actor: OPERATOR, serviceId, campaignId: created.id, scheduledFor: null });
    while ((await materialiseCampaigns()) > 0);
    const recipients = await db.campaignRecipient.findMany({ where: { campaignId: created.id } });
    expect(recipients.map((recipient) => recipient.normalisedEmail).sort()).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map(person),
    );
    expect(await db.notification.count({ where: { campaignId: created.id } })).toBe(8);

    // The contact list's columns fill the template's placeholders.
    const preview = await previewCampaign(serviceId, created.id, person(1));
    expect(preview.to).toBe(person(1).toUpperCase());
    expect(preview.bodyHtml).toContain("Tenant 1");
    expect(preview.bodyHtml).toContain("C1");

    // The tenant's unsubscribe link names their subscriber on the contact list's copy, and works.
    const recipient = recipients.find((row) => row.normalisedEmail === person(1))!;
    expect(recipient).toMatchObject({ listId: owned.id, subscriberId: tenant1.id });
    await unsubscribeByToken(
      signUnsubscribeToken({ subscriberId: tenant1.id, listId: owned.id, campaignId: created.id }),
    );
    expect(await db.subscriber.findUniqueOrThrow({ where: { id: tenant1.id } })).toMatchObject({
      status: "unsubscribed",
      unsubscribedVia: created.id,
    });

    // Chosen again, the contact list is copied in again into the same list: the tenant stays unsubscribed.
    const second = await createCampaign({
      actor: OPERATOR,
      serviceId,
      campaign: { name: "Again", templateId, contactListIds: [tenants] },
    });
    expect((await audiencePartsOf(second.id)).map((part) => part.listId)).toEqual([owned.id]);
    await copyContactListsIn();
    const copies = await db.subscriberImport.findMany({ where: { listId: owned.id }, orderBy: { createdAt: "asc" } });
    expect(copies.map(({ status, added, updated }) => ({ status, added, updated }))).toEqual([
      { status: "done", added: 5, updated: 0 },
      { status: "done", added: 0, updated: 5 },
    ]);
    expect(await db.subscriber.findUniqueOrThrow({ where: { id: tenant1.id } })).toMatchObject({
      status: "unsubscribed",
    });
    expect(await countAudience(serviceId, await audiencePartsOf(second.id))).toEqual({ subscribed: 4, sendable: 4 });
    // The contact list's own file stays in S3 for its next use.
    expect(copies.every((copy) => copy.bucket === "contactLists")).toBe(true);
  });

  it("refuses a contact list of phone numbers, another service's, and one with errors", async () => {
    const phones = await savedContactList("Phones", "sms", ["phone number", "07700900000"]);
    const broken = await savedContactList("Broken", "email", ["email address", "not an address"]);
    const create = (contactListIds: string[]) =>
      createCampaign({ actor: OPERATOR, serviceId, campaign: { name: "No", templateId, contactListIds } });
    await expect(create([phones])).rejects.toMatchObject({
      fieldErrors: { audiences: "‘Phones’ is a list of phone numbers: campaigns send emails" },
    });
    await expect(create([broken])).rejects.toMatchObject({
      fieldErrors: { audiences: "‘Broken’ has errors (or is still being checked)" },
    });
    await expect(create(["0190d6f4-0000-7000-8000-000000000000"])).rejects.toMatchObject({
      fieldErrors: { audiences: "Choose contact lists of this service" },
    });
    await expect(create([])).rejects.toMatchObject({
      fieldErrors: { audiences: "Choose at least one mailing list or contact list" },
    });
    expect(await db.mailingList.count({ where: { serviceId, contactListId: { in: [phones, broken] } } })).toBe(0);
    // A contact list deleted before its copy was read: the copy says so, and does not hold the campaign up.
    const gone = await savedContactList("Gone", "email", ["email address", "gone@example.com"]);
    const campaign = await create([gone]);
    await deleteContactList({ actor: OPERATOR, serviceId, contactListId: gone });
    await copyContactListsIn();
    const [copy] = await db.subscriberImport.findMany({ where: { list: { contactListId: gone } } });
    expect(copy).toMatchObject({ status: "failed", error: expect.stringContaining("no longer stored") });
    expect(
      await importsUnderWay(
        serviceId,
        (await audiencePartsOf(campaign.id)).map((part) => part.listId),
      ),
    ).toEqual([]);
  });
});
