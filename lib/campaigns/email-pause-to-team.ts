import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { emailFromTidings } from "@/lib/platform/email-from-tidings";

/**
 * Tells a campaign's team by email that it paused itself, and why, through Tidings' own service:
 * everyone on the service who can send messages (and so resume or cancel it), except suspended
 * accounts. Run by the email-campaign-pause job its pause queued; a campaign resumed or cancelled
 * since needs no telling. Answers how many were sent.
 */
export async function emailPauseToTeam(campaignId: string): Promise<number> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { serviceId: true, name: true, status: true, pausedReason: true, service: { select: { name: true } } },
  });
  if (!campaign || campaign.status !== "paused" || !campaign.pausedReason) return 0;
  const members = await db.serviceMember.findMany({
    where: { serviceId: campaign.serviceId, permissions: { has: "send_messages" }, user: { suspendedAt: null } },
    select: { user: { select: { email: true } } },
  });
  return emailFromTidings(
    "campaignPaused",
    members.map((member) => member.user.email),
    {
      campaign: campaign.name,
      service_name: campaign.service.name,
      reason: campaign.pausedReason,
      link: `${config().publicUrl}/services/${campaign.serviceId}/campaigns/${campaignId}`,
    },
  );
}
