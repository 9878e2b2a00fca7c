import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { sendNotification } from "@/lib/notifications/send-notification";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { SENDING_SERVICE_FIELDS } from "@/lib/services/sending-service";
import { findCurrentTemplate } from "@/lib/templates/queries";
import { personalisationFor } from "./campaign-email";
import { findCampaign } from "./queries";

/**
 * Sends the campaign's email to the person asking (their own account's address), with the
 * fallback values in its placeholders, as a one-off message from the console. Needs "send messages".
 */
export async function sendCampaignTest({
  actor,
  serviceId,
  campaignId,
}: ServiceWrite<{ campaignId: string }>): Promise<{ to: string }> {
  await requireServicePermission(actor, serviceId, "send_messages");
  if (!actor.userId) throw new AppError("bad_request", "A test is sent to the signed-in person");
  const campaign = await findCampaign(serviceId, campaignId);
  const [user, service, template] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true, name: true } }),
    db.service.findUniqueOrThrow({ where: { id: serviceId }, select: SENDING_SERVICE_FIELDS }),
    findCurrentTemplate(serviceId, campaign.templateId),
  ]);
  if (!template) throw new AppError("bad_request", "The campaign’s template has been deleted");
  await sendNotification(
    { service, keyType: "normal", createdById: actor.userId },
    {
      type: "email",
      templateId: campaign.templateId,
      recipient: user.email,
      personalisation: personalisationFor(template, campaign, { email: user.email, name: user.name, attributes: {} }),
      emailReplyToId: campaign.replyToId,
    },
  );
  return { to: user.email };
}
