import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { emailFromTidings } from "@/lib/platform/email-from-tidings";

/**
 * Tells a campaign's team by email that it paused itself, and why, through Tidings' own service:
 * everyone on the service who can send messages (and so resume or cancel it), except suspended
 * accounts. Called once per pause, by the worker that paused it. Answers how many were sent.
 */
export async function emailPauseToTeam(campaign: { id: string; serviceId: string }, reason: string): Promise<number> {
  const [found, members] = await Promise.all([
    db.campaign.findFirstOrThrow({
      where: { id: campaign.id, serviceId: campaign.serviceId },
      select: { name: true, service: { select: { name: true } } },
    }),
    db.serviceMember.findMany({
      where: { serviceId: campaign.serviceId, permissions: { has: "send_messages" }, user: { suspendedAt: null } },
      select: { user: { select: { email: true } } },
    }),
  ]);
  return emailFromTidings(
    "campaignPaused",
    members.map((member) => member.user.email),
    {
      campaign: found.name,
      service_name: found.service.name,
      reason,
      link: `${config().publicUrl}/services/${campaign.serviceId}/campaigns/${campaign.id}`,
    },
  );
}
