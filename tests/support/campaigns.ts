import { createCampaign } from "@/lib/campaigns/create-campaign";
import { db } from "@/lib/db";
import { createMailingList } from "@/lib/mailing-lists/create-mailing-list";
import { importSubscribers } from "@/lib/mailing-lists/import-subscribers";
import { findSubscriberImport } from "@/lib/mailing-lists/queries";
import { readSubscriberImport } from "@/lib/mailing-lists/read-subscriber-import";
import { storeSubscribers } from "@/lib/mailing-lists/store-subscribers";
import { OPERATOR } from "@/lib/permissions";
import { makeService, makeTemplate } from "./factories";

/** A live service with an email template whose placeholders are ((name)) and ((reference)). */
export async function makeCampaignService() {
  const service = await makeService({ trialMode: false });
  await db.service.update({ where: { id: service.id }, data: { emailMessageLimit: 1_000_000 } });
  const template = await makeTemplate(service.id, { type: "email" });
  return { service, template };
}

/** A mailing list of `count` subscribers person-<from>@example.com onwards, each with a `reference` attribute. */
export async function makeMailingList(serviceId: string, count: number, from = 0) {
  const { id } = await createMailingList({
    actor: OPERATOR,
    serviceId,
    name: `List ${from}-${count}-${Math.random()}`,
  });
  const rows = Array.from({ length: count }, (_, index) => {
    const email = `person-${String(from + index).padStart(6, "0")}@example.com`;
    return {
      email,
      normalisedEmail: email,
      name: `Person ${from + index}`,
      attributes: { reference: `R${from + index}` },
    };
  });
  for (let start = 0; start < rows.length; start += 1000)
    await storeSubscribers(serviceId, id, rows.slice(start, start + 1000));
  return id;
}

/** A draft campaign of the template to the lists. */
export async function makeCampaign(
  serviceId: string,
  templateId: string,
  listIds: string[],
  overrides: { trackEngagement?: boolean; fromName?: string; subject?: string } = {},
) {
  return createCampaign({
    actor: OPERATOR,
    serviceId,
    campaign: {
      name: `Campaign ${Math.random()}`,
      templateId,
      audiences: listIds.map((listId) => ({ listId })),
      fallbacks: { reference: "none" },
      ...overrides,
    },
  });
}

/** Imports a file into a list as the operator, through S3, and reads it in this process (the worker's job, run directly). */
export async function importAndRead(serviceId: string, listId: string, fileName: string, content: Buffer | string) {
  const body = typeof content === "string" ? Buffer.from(content) : content;
  const importId = await importSubscribers({
    actor: OPERATOR,
    serviceId,
    listId,
    fileName,
    sizeBytes: body.length,
    body,
  });
  await readSubscriberImport(importId);
  return (await findSubscriberImport(serviceId, listId, importId))!;
}
