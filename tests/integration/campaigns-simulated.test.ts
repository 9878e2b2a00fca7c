import { describe, expect, it } from "vitest";
import { campaignCounts, campaignRates } from "@/lib/campaigns/campaign-progress";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { db } from "@/lib/db";
import { OPERATOR } from "@/lib/permissions";
import { makeCampaign, makeCampaignService, makeMailingList } from "../support/campaigns";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { waitFor } from "../support/wait";

// No AWS settings: every email goes through the simulated provider, as in the zero-setup start.
deliveryHarnessForThisFile({ env: { SIMULATED_DELIVERY_DELAY_MS: "0", CAMPAIGN_SECONDS_AHEAD: "1" }, worker: true });

async function sentCampaign(trackEngagement: boolean) {
  const { service, template } = await makeCampaignService();
  const list = await makeMailingList(service.id, 3);
  const { id: campaignId } = await makeCampaign(service.id, template.id, [list], { trackEngagement });
  await sendCampaign({ actor: OPERATOR, serviceId: service.id, campaignId, scheduledFor: null });
  await waitFor(
    "the campaign to be delivered",
    async () => (await db.notification.count({ where: { campaignId, status: "delivered" } })) === 3,
    30_000,
  );
  return campaignId;
}

describe("a campaign sent through the simulated provider", () => {
  it("records an open of each delivered email when the campaign tracks engagement, so its open rate is seen without AWS", async () => {
    const campaignId = await sentCampaign(true);
    const counts = await waitFor("the opens", async () => {
      const current = await campaignCounts(campaignId);
      return current.opened === 3 && current;
    });
    expect(counts).toMatchObject({ sent: 3, delivered: 3, opened: 3, clicked: 0 });
    expect(campaignRates(counts).opened).toBe(100);
  });

  it("records no opens when the campaign does not track them, as SES without its tracking configuration set", async () => {
    const campaignId = await sentCampaign(false);
    const notifications = await db.notification.findMany({
      where: { campaignId },
      select: { providerReference: true },
    });
    const references = notifications.map((notification) => notification.providerReference!);
    // The simulator stores every event of a message when it sends it: any open would be there already.
    expect(await db.providerEvent.count({ where: { providerMessageId: { in: references }, eventType: "Open" } })).toBe(
      0,
    );
    expect((await campaignCounts(campaignId)).opened).toBe(0);
  });
});
