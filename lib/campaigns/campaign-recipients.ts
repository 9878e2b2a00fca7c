import "server-only";
import { db } from "@/lib/db";
import { sendableMembersSql } from "@/lib/mailing-lists/audience";
import type { RecipientRow, RecipientSource } from "@/lib/recipient-files/recipient-source";
import type { TemplateVersionRecord } from "@/lib/templates/queries";
import { personalisationFor, UNSUBSCRIBE_PLACEHOLDER, oneClickUrlFor } from "./campaign-email";
import { audiencePartsOf } from "./queries";

const PAGE = 1000;

/**
 * Freezes a campaign's audience into its recipients, numbered in address order, in one statement:
 * de-duplicated over its lists, without anyone unsubscribed or suppressed. Done once, when it
 * starts sending (a second call changes nothing). Returns how many recipients it has.
 */
export async function freezeAudience(campaign: { id: string; serviceId: string }): Promise<number> {
  const parts = await audiencePartsOf(campaign.id);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO campaign_recipients (campaign_id, row_number, subscriber_id, list_id, email, normalised_email, name, attributes)
      SELECT ${campaign.id}::uuid, row_number() OVER (ORDER BY m.normalised_email), m.subscriber_id, m.list_id, m.email,
        m.normalised_email, m.name, m.attributes
      FROM (${sendableMembersSql(campaign.serviceId, parts)}) AS m
      ON CONFLICT DO NOTHING`;
    const [row] = await tx.$queryRaw<{ count: number }[]>`
      UPDATE campaigns SET recipient_count = (SELECT count(*) FROM campaign_recipients WHERE campaign_id = ${campaign.id}::uuid)
      WHERE id = ${campaign.id}::uuid RETURNING recipient_count AS count`;
    return row?.count ?? 0;
  });
}

type CampaignSettings = { id: string; subject: string | null; fallbacks: Record<string, string> };

/**
 * A campaign's frozen recipients as the job engine reads them: at most `limit` rows after its
 * resume point, a page at a time from the database (never the whole audience in memory), each
 * with its placeholders filled from the subscriber's attributes and its own unsubscribe link.
 */
export function campaignRecipientSource(
  campaign: CampaignSettings,
  template: TemplateVersionRecord,
  limit: number,
): RecipientSource & { read: () => number } {
  let read = 0;
  return {
    read: () => read,
    async *rows(afterRow) {
      let after = afterRow;
      while (read < limit) {
        const page = await db.campaignRecipient.findMany({
          where: { campaignId: campaign.id, rowNumber: { gt: after } },
          orderBy: { rowNumber: "asc" },
          take: Math.min(PAGE, limit - read),
        });
        if (page.length === 0) return;
        for (const recipient of page) {
          const member = { ...recipient, attributes: (recipient.attributes ?? {}) as Record<string, unknown> };
          const unsubscribeUrl = oneClickUrlFor(member, campaign.id);
          read++;
          yield {
            rowNumber: recipient.rowNumber,
            recipient: recipient.email,
            personalisation: {
              ...personalisationFor(template, campaign, member),
              [UNSUBSCRIBE_PLACEHOLDER]: unsubscribeUrl,
            },
            unsubscribeUrl,
          } satisfies RecipientRow;
        }
        after = page.at(-1)!.rowNumber;
      }
    },
  };
}
