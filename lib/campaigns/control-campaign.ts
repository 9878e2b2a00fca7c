import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CampaignStatus, Prisma } from "@/lib/generated/prisma/client";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { findCampaign } from "./queries";

type Change = {
  from: CampaignStatus[];
  data: Prisma.CampaignUpdateManyMutationInput;
  action: string;
  refusal: string;
};

async function changeCampaign(
  { actor, serviceId, campaignId }: ServiceWrite<{ campaignId: string }>,
  change: Change,
): Promise<void> {
  await requireServicePermission(actor, serviceId, "send_messages");
  const campaign = await findCampaign(serviceId, campaignId);
  const { count } = await db.campaign.updateMany({
    where: { id: campaignId, serviceId, status: { in: change.from } },
    data: change.data,
  });
  if (count === 0) throw new AppError("conflict", change.refusal);
  await recordAuditEvent(db, {
    action: change.action,
    serviceId,
    userId: actor.userId,
    subjectType: "campaign",
    subjectId: campaignId,
    details: { name: campaign.name },
  });
}

/**
 * Stops a sending (or scheduled) campaign from handing out more messages. Messages already queued
 * (a couple of seconds' worth at the send rate) still go; nobody is lost: resuming carries on
 * from the next address. Needs "send messages".
 */
export async function pauseCampaign(write: ServiceWrite<{ campaignId: string }>): Promise<void> {
  await changeCampaign(write, {
    from: ["sending", "scheduled"],
    data: { status: "paused", pausedReason: null },
    action: "campaign.paused",
    refusal: "Only a campaign that is sending can be paused",
  });
}

/** Carries on sending a paused campaign from where it stopped. Needs "send messages". */
export async function resumeCampaign(write: ServiceWrite<{ campaignId: string }>): Promise<void> {
  await changeCampaign(write, {
    from: ["paused"],
    data: { status: "sending", pausedReason: null, scheduledFor: null },
    action: "campaign.resumed",
    refusal: "Only a paused campaign can be resumed",
  });
}

/** Stops a campaign for good: nobody else in its audience is sent to. Needs "send messages". */
export async function cancelCampaign(write: ServiceWrite<{ campaignId: string }>): Promise<void> {
  await changeCampaign(write, {
    from: ["scheduled", "sending", "paused"],
    data: { status: "cancelled", completedAt: new Date() },
    action: "campaign.cancelled",
    refusal: "This campaign has already finished",
  });
}

/** Moves a campaign out of the campaigns list (its report stays). Needs "send messages". */
export async function archiveCampaign(write: ServiceWrite<{ campaignId: string }>): Promise<void> {
  await changeCampaign(write, {
    from: ["draft", "cancelled", "completed"],
    data: { archivedAt: new Date() },
    action: "campaign.archived",
    refusal: "Pause or cancel the campaign before archiving it",
  });
}
