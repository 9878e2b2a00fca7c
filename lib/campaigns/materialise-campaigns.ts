import "server-only";
import { escapeLiteral } from "pg";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { expandRows } from "@/lib/jobs/expand-rows";
import { log } from "@/lib/log";
import { emailProviderFor } from "@/lib/providers/select-provider";
import { enqueue } from "@/lib/queue/boss";
import { queues } from "@/lib/queue/queues";
import { SENDING_SERVICE_FIELDS } from "@/lib/services/sending-service";
import { findTemplateVersion } from "@/lib/templates/queries";
import { autoPauseReason } from "./auto-pause";
import { campaignTemplate } from "./campaign-email";
import { campaignCounts } from "./campaign-progress";
import { campaignRecipientSource, freezeAudience } from "./campaign-recipients";

/** Recipients accepted per round at most: one transaction of notifications and their jobs. */
const BATCH = 1000;
/** A worker materialising a campaign holds it this long; one that dies lets it go after. */
const CLAIM_SECONDS = 15;
/** The SQLSTATE a round's batch is refused with when its campaign was paused or cancelled meanwhile. */
const NO_LONGER_SENDING = "TC001";
/** Queued ahead when the provider has no rate limit (the simulator). */
const UNLIMITED_AHEAD = 5000;

type ClaimedCampaign = {
  id: string;
  serviceId: string;
  templateId: string;
  templateVersion: number;
  subject: string | null;
  replyToId: string | null;
  fallbacks: Record<string, string>;
  recipientCount: number | null;
  resumeAfterRow: number;
  createdById: string | null;
};

/**
 * One round of the campaign engine, run by every worker: starts campaigns that are due, takes one
 * sending campaign (the one longest without a turn), freezes its audience the first time, and
 * accepts its next recipients through the job engine (lib/jobs/expand-rows: the API's accept
 * path, suppression, the daily limit, delivery jobs on the bulk queue, which leaves send tokens
 * for API sends and sign-in codes), with the resume point in the same transaction.
 *
 * Only a few seconds' sending at the provider's rate is queued ahead (CAMPAIGN_SECONDS_AHEAD), so
 * pause and cancel take effect within seconds. A notification's unique (campaign, address) makes
 * a batch repeated after a crash, or by a second worker, store nobody twice. Returns the
 * recipients it accepted (0 when there was nothing to do).
 */
export async function materialiseCampaigns(): Promise<number> {
  await db.$executeRaw`
    UPDATE campaigns SET status = 'sending', started_at = now(), scheduled_for = NULL, updated_at = now()
    WHERE status = 'scheduled' AND scheduled_for <= now()`;
  const campaign = await claimCampaign();
  if (!campaign) return 0;
  try {
    return await materialiseNext(campaign);
  } finally {
    await db.$executeRaw`UPDATE campaigns SET claimed_until = clock_timestamp() WHERE id = ${campaign.id}::uuid`;
  }
}

async function claimCampaign(): Promise<ClaimedCampaign | null> {
  const [claimed] = await db.$queryRaw<ClaimedCampaign[]>`
    UPDATE campaigns SET claimed_until = clock_timestamp() + make_interval(secs => ${CLAIM_SECONDS}),
      started_at = coalesce(started_at, now())
    WHERE id = (
      SELECT id FROM campaigns
      WHERE status = 'sending' AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
      ORDER BY claimed_until NULLS FIRST LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, service_id AS "serviceId", template_id AS "templateId", template_version AS "templateVersion",
      subject, reply_to_id AS "replyToId", fallbacks, recipient_count AS "recipientCount",
      resume_after_row AS "resumeAfterRow", created_by_id AS "createdById"`;
  return claimed ?? null;
}

async function materialiseNext(campaign: ClaimedCampaign): Promise<number> {
  const recipientCount = campaign.recipientCount ?? (await freezeAudience(campaign));
  const counts = await campaignCounts(campaign.id);
  const settings = config();
  const reason = autoPauseReason(counts, {
    minSends: settings.CAMPAIGN_AUTO_PAUSE_MIN_SENDS,
    bouncePercent: settings.CAMPAIGN_AUTO_PAUSE_BOUNCE_PERCENT,
    complaintPercent: settings.CAMPAIGN_AUTO_PAUSE_COMPLAINT_PERCENT,
  });
  if (reason) {
    await pauseAutomatically(campaign, reason);
    return 0;
  }
  if (campaign.resumeAfterRow >= recipientCount) {
    await db.campaign.updateMany({
      where: { id: campaign.id, status: "sending" },
      data: { status: "completed", completedAt: new Date() },
    });
    return 0;
  }

  const rate = await (await emailProviderFor({ keyType: "normal", simulated: false })).sendRate();
  const ahead = rate === null ? UNLIMITED_AHEAD : Math.ceil(rate * settings.CAMPAIGN_SECONDS_AHEAD);
  const room = Math.min(BATCH, ahead - counts.queued);
  if (room <= 0) return 0;

  const [service, template] = await Promise.all([
    db.service.findUniqueOrThrow({ where: { id: campaign.serviceId }, select: SENDING_SERVICE_FIELDS }),
    findTemplateVersion(campaign.serviceId, campaign.templateId, campaign.templateVersion),
  ]);
  if (!template) {
    await pauseAutomatically(campaign, "Paused: its template no longer exists.");
    return 0;
  }
  const source = campaignRecipientSource(campaign, template, room);
  const id = escapeLiteral(campaign.id);
  try {
    await expandRows(source, campaign.resumeAfterRow, {
      service,
      template: campaignTemplate(template, campaign),
      type: "email",
      keyType: "normal",
      createdById: campaign.createdById,
      senderId: campaign.replyToId,
      tag: (row) => ({ campaignId: campaign.id, jobRowNumber: row.rowNumber }),
      // The batch commits only if the campaign is still sending when it does: a cancel or pause
      // that lands while this round reads its recipients stops this round's batch, not only the
      // next. Once this statement has the campaign's row, a cancel waits for the batch to commit.
      resumeStatement: ({ lastRow }) => `DO $$ BEGIN
        UPDATE campaigns SET resume_after_row = GREATEST(resume_after_row, ${lastRow}), updated_at = now()
        WHERE id = ${id} AND status = 'sending';
        IF NOT FOUND THEN RAISE EXCEPTION 'the campaign is no longer sending' USING ERRCODE = '${NO_LONGER_SENDING}'; END IF;
      END $$`,
      batchSize: room,
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === NO_LONGER_SENDING) return 0;
    if (!isAppError(error, "daily_limit")) throw error;
    await pauseAutomatically(campaign, "Paused: the service reached its daily limit of emails. Resume it tomorrow.");
  }
  return source.read();
}

async function pauseAutomatically(campaign: { id: string; serviceId: string }, reason: string): Promise<void> {
  // Only the worker whose update paused it queues the email, so the team hears once per pause.
  const paused = await db.$transaction(async (tx) => {
    const { count } = await tx.campaign.updateMany({
      where: { id: campaign.id, status: "sending" },
      data: { status: "paused", pausedReason: reason },
    });
    if (count === 0) return false;
    await recordAuditEvent(tx, {
      action: "campaign.auto_paused",
      serviceId: campaign.serviceId,
      subjectType: "campaign",
      subjectId: campaign.id,
      details: { reason },
    });
    await enqueue(queues.emailCampaignPause, { campaignId: campaign.id }, { transaction: tx });
    return true;
  });
  if (paused) log.warn({ campaignId: campaign.id, reason }, "campaign paused itself");
}
