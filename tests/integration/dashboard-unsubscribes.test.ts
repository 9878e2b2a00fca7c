import { describe, expect, it } from "vitest";
import { recentUnsubscribes } from "@/lib/campaigns/recent-unsubscribes";
import { db } from "@/lib/db";
import { makeCampaign, makeCampaignService, makeMailingList } from "../support/campaigns";

const DAY = 86_400_000;

/** Marks these subscribers of the list as having left it through `campaignId` at `at`. */
async function leave(
  listId: string,
  emails: string[],
  campaignId: string,
  at: Date,
  status: "unsubscribed" | "bounced" = "unsubscribed",
) {
  await db.subscriber.updateMany({
    where: { listId, normalisedEmail: { in: emails } },
    data: { status, unsubscribedAt: at, unsubscribedVia: campaignId },
  });
}
const person = (index: number) => `person-${String(index).padStart(6, "0")}@example.com`;

describe("the dashboard's unsubscribes", () => {
  it("counts the last 7 days' unsubscribes from the service's campaigns, by campaign, most first", async () => {
    const now = new Date();
    const { service, template } = await makeCampaignService();
    const listId = await makeMailingList(service.id, 10);
    const spring = await makeCampaign(service.id, template.id, [listId], { subject: "Spring" });
    const summer = await makeCampaign(service.id, template.id, [listId], { subject: "Summer" });
    await db.campaign.update({ where: { id: spring.id }, data: { name: "Spring opening" } });
    await db.campaign.update({ where: { id: summer.id }, data: { name: "Summer fair" } });

    await leave(listId, [person(0), person(1)], summer.id, new Date(now.getTime() - DAY));
    await leave(listId, [person(2)], spring.id, new Date(now.getTime() - 6 * DAY));
    // Not counted: longer ago, a bounce (not an unsubscribe), someone who subscribed again.
    await leave(listId, [person(3)], spring.id, new Date(now.getTime() - 8 * DAY));
    await leave(listId, [person(4)], spring.id, new Date(now.getTime() - DAY), "bounced");
    await db.subscriber.updateMany({
      where: { listId, normalisedEmail: person(5) },
      data: { status: "subscribed", unsubscribedAt: null, unsubscribedVia: null },
    });
    // Nor someone taken off the list in the console, by no campaign.
    await db.subscriber.updateMany({
      where: { listId, normalisedEmail: person(6) },
      data: { status: "unsubscribed", unsubscribedAt: new Date(now.getTime() - DAY), unsubscribedVia: null },
    });
    // Another service's unsubscribes are its own.
    const other = await makeCampaignService();
    const otherList = await makeMailingList(other.service.id, 2);
    const otherCampaign = await makeCampaign(other.service.id, other.template.id, [otherList]);
    await leave(otherList, [person(0), person(1)], otherCampaign.id, new Date(now.getTime() - DAY));

    expect(await recentUnsubscribes(service.id, now)).toEqual({
      days: 7,
      total: 3,
      campaigns: [
        { id: summer.id, name: "Summer fair", count: 2 },
        { id: spring.id, name: "Spring opening", count: 1 },
      ],
    });
  });

  it("is nothing at all for a service nobody has left", async () => {
    const { service } = await makeCampaignService();
    expect(await recentUnsubscribes(service.id)).toEqual({ days: 7, total: 0, campaigns: [] });
  });
});
