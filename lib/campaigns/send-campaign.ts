import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { countAudience } from "@/lib/mailing-lists/audience";
import { importsUnderWay } from "@/lib/mailing-lists/queries";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { SENDING_SERVICE_FIELDS } from "@/lib/services/sending-service";
import { findCurrentTemplate } from "@/lib/templates/queries";
import { parseInput } from "@/lib/validation";
import { audiencePartsOf, findCampaign } from "./queries";
import { scheduleSchema } from "./schemas";

/**
 * Sends a draft campaign now, or schedules it (`scheduledFor`). Freezes the template version so
 * every recipient gets the same email. Refused while the service is in trial mode, when nobody in
 * the audience can be sent to, while a contact list of its audience is still being copied in, or
 * when the audience is more than a day's allowance. Needs "send messages".
 */
export async function sendCampaign({
  actor,
  serviceId,
  campaignId,
  scheduledFor,
}: ServiceWrite<{ campaignId: string; scheduledFor: Date | null }>): Promise<{ status: "sending" | "scheduled" }> {
  await requireServicePermission(actor, serviceId, "send_messages");
  const { scheduledFor: when } = parseInput(scheduleSchema, { scheduledFor });
  const campaign = await findCampaign(serviceId, campaignId);
  if (campaign.status !== "draft" && campaign.status !== "scheduled")
    throw new AppError("conflict", "This campaign has already been sent");
  const service = await db.service.findUniqueOrThrow({ where: { id: serviceId }, select: SENDING_SERVICE_FIELDS });
  if (service.trialMode)
    throw new AppError("bad_request", "Your service is in trial mode: campaigns can be sent once it is live");
  const template = await findCurrentTemplate(serviceId, campaign.templateId);
  if (!template || template.archived) throw new AppError("bad_request", "The campaign’s template has been deleted");
  const parts = await audiencePartsOf(campaignId);
  const [copying] = await importsUnderWay(
    serviceId,
    parts.map((part) => part.listId),
  );
  if (copying)
    throw new AppError(
      "bad_request",
      `‘${copying.listName}’ is still being copied in (${copying.percent}%): send the campaign once it has finished`,
    );
  const { sendable } = await countAudience(serviceId, parts);
  if (sendable === 0) throw new AppError("bad_request", "Nobody in this audience can be sent to");
  // The job engine takes each batch from today's allowance as it goes (and pauses the campaign when
  // it runs out); a campaign larger than a whole day's allowance is refused here.
  if (sendable > service.emailMessageLimit)
    throw new AppError(
      "bad_request",
      `This campaign would send ${sendable.toLocaleString("en-GB")} emails: more than your service’s daily limit of ${service.emailMessageLimit.toLocaleString("en-GB")}`,
    );
  const startsNow = when === null || when.getTime() <= Date.now();

  const status = startsNow ? "sending" : "scheduled";
  const { count } = await db.campaign.updateMany({
    where: { id: campaignId, serviceId, status: { in: ["draft", "scheduled"] } },
    data: {
      status,
      templateVersion: template.version,
      scheduledFor: startsNow ? null : when,
      startedAt: startsNow ? new Date() : null,
    },
  });
  if (count === 0) throw new AppError("conflict", "This campaign has already been sent");
  await recordAuditEvent(db, {
    action: startsNow ? "campaign.sent" : "campaign.scheduled",
    serviceId,
    userId: actor.userId,
    subjectType: "campaign",
    subjectId: campaignId,
    details: { name: campaign.name, recipients: sendable, ...(when ? { scheduledFor: when.toISOString() } : {}) },
  });
  return { status };
}
