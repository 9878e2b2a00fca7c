import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { CampaignStatus } from "@/lib/generated/prisma/enums";
import type { AudiencePart } from "@/lib/mailing-lists/audience";
import { segmentSchema } from "@/lib/mailing-lists/schemas";
import { isUuid } from "@/lib/validation";

export type CampaignView = {
  id: string;
  serviceId: string;
  name: string;
  templateId: string;
  templateVersion: number | null;
  subject: string | null;
  fromName: string | null;
  replyToId: string | null;
  trackEngagement: boolean;
  fallbacks: Record<string, string>;
  status: CampaignStatus;
  scheduledFor: Date | null;
  pausedReason: string | null;
  /** How many it is sent to, once its audience was frozen. */
  recipientCount: number | null;
  startedAt: Date | null;
  completedAt: Date | null;
  archivedAt: Date | null;
  createdAt: Date;
  audiences: { listId: string; listName: string; segmentId: string | null; segmentName: string | null }[];
};

const CAMPAIGN_FIELDS = {
  id: true,
  serviceId: true,
  name: true,
  templateId: true,
  templateVersion: true,
  subject: true,
  fromName: true,
  replyToId: true,
  trackEngagement: true,
  fallbacks: true,
  status: true,
  scheduledFor: true,
  pausedReason: true,
  recipientCount: true,
  startedAt: true,
  completedAt: true,
  archivedAt: true,
  createdAt: true,
  audiences: {
    select: { listId: true, segmentId: true, list: { select: { name: true } }, segment: { select: { name: true } } },
  },
} as const;

type CampaignRow = Omit<CampaignView, "audiences" | "fallbacks"> & {
  fallbacks: unknown;
  audiences: { listId: string; segmentId: string | null; list: { name: string }; segment: { name: string } | null }[];
};

const viewOf = (row: CampaignRow): CampaignView => ({
  ...row,
  fallbacks: (row.fallbacks ?? {}) as Record<string, string>,
  audiences: row.audiences.map((audience) => ({
    listId: audience.listId,
    listName: audience.list.name,
    segmentId: audience.segmentId,
    segmentName: audience.segment?.name ?? null,
  })),
});

/** One of the service's campaigns; not found for another service's. */
export async function findCampaign(serviceId: string, campaignId: string): Promise<CampaignView> {
  const row = isUuid(campaignId)
    ? await db.campaign.findFirst({ where: { id: campaignId, serviceId }, select: CAMPAIGN_FIELDS })
    : null;
  if (!row) throw notFound("Campaign");
  return viewOf(row as CampaignRow);
}

/** The service's campaigns, newest first; archived ones only when asked for. */
export async function listCampaigns(serviceId: string, options: { archived?: boolean } = {}): Promise<CampaignView[]> {
  const rows = await db.campaign.findMany({
    where: { serviceId, archivedAt: options.archived ? { not: null } : null },
    select: CAMPAIGN_FIELDS,
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return (rows as CampaignRow[]).map(viewOf);
}

/** The lists (and segments) a campaign sends to, as the audience queries take them. */
export async function audiencePartsOf(campaignId: string): Promise<AudiencePart[]> {
  const rows = await db.campaignAudience.findMany({
    where: { campaignId },
    select: { listId: true, segment: { select: { name: true, match: true, conditions: true } } },
    orderBy: { listId: "asc" },
  });
  return rows.map((row) => ({ listId: row.listId, segment: row.segment ? segmentSchema.parse(row.segment) : null }));
}

/** Campaigns that paused themselves (bounce or complaint rate) and wait for someone to look: shown to every member. */
export async function autoPausedCampaigns(serviceId: string): Promise<{ id: string; name: string }[]> {
  return db.campaign.findMany({
    where: { serviceId, status: "paused", pausedReason: { not: null }, archivedAt: null },
    select: { id: true, name: true },
    orderBy: { updatedAt: "desc" },
  });
}
