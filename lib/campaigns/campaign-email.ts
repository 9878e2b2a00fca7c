import "server-only";
import type { AudienceMember } from "@/lib/mailing-lists/audience";
import { signUnsubscribeToken, oneClickLink } from "@/lib/mailing-lists/unsubscribe-token";
import { placeholderNames } from "@/lib/templates/placeholders";
import { withUnsubscribeLink } from "@/lib/templates/unsubscribe-link";
import type { TemplateVersionRecord } from "@/lib/templates/queries";

type CampaignSettings = { id: string | null; subject: string | null; fallbacks: Record<string, string> };

const keyOf = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");

/**
 * A subscriber's values for the template's placeholders: their attribute of that name (spaces,
 * underscores and case aside), or `email` / `name`, else the campaign's fallback for it, else
 * nothing (an empty value, never a refusal to send).
 */
export function personalisationFor(
  template: { subject: string | null; content: string },
  campaign: CampaignSettings,
  member: Pick<AudienceMember, "email" | "name" | "attributes">,
): Record<string, string> {
  const own = new Map<string, string>();
  for (const [name, value] of Object.entries(member.attributes ?? {}))
    if (value !== null && value !== undefined && String(value).trim() !== "") own.set(keyOf(name), String(value));
  own.set("email", member.email);
  own.set("emailaddress", member.email);
  if (member.name) own.set("name", member.name);
  const fallbacks = new Map(Object.entries(campaign.fallbacks).map(([name, value]) => [keyOf(name), value]));
  return Object.fromEntries(
    placeholderNames(campaign.subject ?? template.subject, template.content)
      .filter((name) => keyOf(name) !== keyOf(UNSUBSCRIBE_PLACEHOLDER))
      .map((name) => [name, own.get(keyOf(name)) ?? fallbacks.get(keyOf(name)) ?? ""]),
  );
}

/** The address of a subscriber's one-click unsubscribe link for this campaign. */
export function oneClickUrlFor(member: Pick<AudienceMember, "subscriberId" | "listId">, campaignId: string | null) {
  return oneClickLink(signUnsubscribeToken({ subscriberId: member.subscriberId, listId: member.listId, campaignId }));
}

/** The placeholder each recipient's own unsubscribe link fills (templates may use it too). */
export const UNSUBSCRIBE_PLACEHOLDER = "unsubscribe link";

/**
 * The template as this campaign sends it: its subject (if replaced) and the visible unsubscribe
 * link at the end, a placeholder each recipient's personalisation fills with their own link.
 */
export function campaignTemplate(template: TemplateVersionRecord, campaign: CampaignSettings): TemplateVersionRecord {
  return {
    ...template,
    subject: campaign.subject ?? template.subject,
    content: withUnsubscribeLink(template.content, `((${UNSUBSCRIBE_PLACEHOLDER}))`),
  };
}
