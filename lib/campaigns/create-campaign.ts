import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { emailContactList, mailingListOfContactList } from "@/lib/mailing-lists/contact-list-audience";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { findCurrentTemplate } from "@/lib/templates/queries";
import { parseInput } from "@/lib/validation";
import { findCampaign } from "./queries";
import { campaignSchema, type CampaignDefinition } from "./schemas";

const invalid = (field: string, message: string) => new AppError("validation", message, { [field]: message });

/**
 * Saves a draft campaign: an email template, the lists (each optionally narrowed by one of its
 * segments) and contact lists it goes to, and how it is sent. A contact list is copied into a
 * mailing list of its own in the worker; the campaign can be sent once that is done. Needs "send messages".
 */
export async function createCampaign({
  actor,
  serviceId,
  campaign,
}: ServiceWrite<{ campaign: unknown }>): Promise<{ id: string }> {
  await requireServicePermission(actor, serviceId, "send_messages");
  const definition = parseInput(campaignSchema, campaign);
  await checkReferences(serviceId, definition);
  const contactLists = await Promise.all(
    [...new Set(definition.contactListIds)].map((id) => emailContactList(serviceId, id)),
  );
  return db.$transaction(async (tx) => {
    const copied = [];
    for (const list of contactLists)
      copied.push({ listId: await mailingListOfContactList(tx, list, actor.userId), segmentId: null });
    const created = await tx.campaign.create({
      data: {
        serviceId,
        name: definition.name,
        templateId: definition.templateId,
        subject: definition.subject,
        fromName: definition.fromName,
        replyToId: definition.replyToId,
        trackEngagement: definition.trackEngagement,
        fallbacks: definition.fallbacks,
        createdById: actor.userId,
        audiences: {
          create: uniqueAudiences([...definition.audiences, ...copied]).map((audience) => ({
            listId: audience.listId,
            segmentId: audience.segmentId,
          })),
        },
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      action: "campaign.created",
      serviceId,
      userId: actor.userId,
      subjectType: "campaign",
      subjectId: created.id,
      details: { name: definition.name, trackEngagement: definition.trackEngagement },
    });
    return created;
  });
}

/** A new draft with everything of another campaign but its sending; named "Copy of …". Needs "send messages". */
export async function copyCampaign({
  actor,
  serviceId,
  campaignId,
}: ServiceWrite<{ campaignId: string }>): Promise<{ id: string }> {
  await requireServicePermission(actor, serviceId, "send_messages");
  const original = await findCampaign(serviceId, campaignId);
  return createCampaign({
    actor,
    serviceId,
    campaign: {
      name: `Copy of ${original.name}`.slice(0, 100),
      templateId: original.templateId,
      audiences: original.audiences.map(({ listId, segmentId }) => ({ listId, segmentId })),
      subject: original.subject,
      fromName: original.fromName,
      replyToId: original.replyToId,
      trackEngagement: original.trackEngagement,
      fallbacks: original.fallbacks,
    },
  });
}

const uniqueAudiences = (audiences: CampaignDefinition["audiences"]) => [
  ...new Map(audiences.map((audience) => [audience.listId, audience])).values(),
];

async function checkReferences(serviceId: string, definition: CampaignDefinition): Promise<void> {
  const template = await findCurrentTemplate(serviceId, definition.templateId);
  if (!template || template.archived) throw invalid("templateId", "Choose an email template");
  if (template.type !== "email") throw invalid("templateId", "Campaigns send email templates only");
  const audiences = uniqueAudiences(definition.audiences);
  const lists = await db.mailingList.count({ where: { serviceId, id: { in: audiences.map((a) => a.listId) } } });
  if (lists !== audiences.length) throw invalid("audiences", "Choose mailing lists of this service");
  for (const audience of audiences.filter((a) => a.segmentId !== null)) {
    const segment = await db.segment.findFirst({
      where: { id: audience.segmentId!, serviceId, listId: audience.listId },
    });
    if (!segment) throw invalid("audiences", "A segment must belong to the list it narrows");
  }
  if (definition.replyToId) {
    const replyTo = await db.serviceEmailReplyTo.findFirst({
      where: { id: definition.replyToId, serviceId, archivedAt: null },
    });
    if (!replyTo) throw invalid("replyToId", "Choose one of the service’s reply-to addresses");
  }
}
