import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findAudienceMember, firstAudienceMember, type AudienceMember } from "@/lib/mailing-lists/audience";
import { normaliseEmailAddress } from "@/lib/recipients/email";
import { senderIdentity } from "@/lib/services/sender-identity";
import { escapeHtml } from "@/lib/templates/email-markdown";
import { findCurrentTemplate, findTemplateVersion } from "@/lib/templates/queries";
import { renderEmail } from "@/lib/templates/render";
import { campaignTemplate, personalisationFor, UNSUBSCRIBE_PLACEHOLDER, oneClickUrlFor } from "./campaign-email";
import { audiencePartsOf, findCampaign } from "./queries";

export type CampaignPreview = {
  to: string | null;
  fromName: string;
  subjectHtml: string;
  bodyHtml: string;
};

/**
 * The email as one recipient will get it (the first in the audience, or the one with `email`),
 * with their placeholders filled in and their unsubscribe link; with only the fallbacks when the
 * audience is empty.
 */
export async function previewCampaign(serviceId: string, campaignId: string, email?: string): Promise<CampaignPreview> {
  const campaign = await findCampaign(serviceId, campaignId);
  const template = campaign.templateVersion
    ? await findTemplateVersion(serviceId, campaign.templateId, campaign.templateVersion)
    : await findCurrentTemplate(serviceId, campaign.templateId);
  if (!template) throw new AppError("not_found", "The campaign’s template has been deleted");
  const service = await db.service.findUniqueOrThrow({
    where: { id: serviceId },
    select: { name: true, prefixSms: true, emailSenderLocalPart: true },
  });
  const member = await previewMember(serviceId, campaignId, email);
  const unsubscribeUrl = member ? oneClickUrlFor(member, campaign.id) : "(their unsubscribe link)";
  const sent = campaignTemplate(template, campaign);
  const rendered = renderEmail(
    { subject: sent.subject ?? "", content: sent.content },
    {
      ...personalisationFor(template, campaign, member ?? { email: "", name: null, attributes: {} }),
      [UNSUBSCRIBE_PLACEHOLDER]: unsubscribeUrl,
    },
  );
  const identity = senderIdentity({ ...service, name: campaign.fromName ?? service.name });
  return {
    to: member?.email ?? null,
    fromName: identity.fromName,
    subjectHtml: escapeHtml(rendered.subject),
    bodyHtml: rendered.htmlBody,
  };
}

async function previewMember(serviceId: string, campaignId: string, email?: string): Promise<AudienceMember | null> {
  const parts = await audiencePartsOf(campaignId);
  if (email) return findAudienceMember(serviceId, parts, normaliseEmailAddress(email));
  return firstAudienceMember(serviceId, parts);
}
