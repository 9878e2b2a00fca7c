import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelCampaign } from "@/lib/campaigns/control-campaign";
import { materialiseCampaigns } from "@/lib/campaigns/materialise-campaigns";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { db } from "@/lib/db";
import { OPERATOR } from "@/lib/permissions";
import { makeCampaign, makeCampaignService, makeMailingList } from "../support/campaigns";
import { waitFor } from "../support/wait";

describe("a campaign cancelled while a round accepts its next recipients", () => {
  // Every insert of notifications takes a second, so that the test can cancel in the middle of one.
  beforeAll(async () => {
    await db.$executeRawUnsafe(`
      CREATE FUNCTION slow_notification_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(1); RETURN NULL; END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER slow_notification_insert BEFORE INSERT ON notifications FOR EACH STATEMENT EXECUTE FUNCTION slow_notification_insert()`,
    );
  });
  afterAll(async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER slow_notification_insert ON notifications`);
  });

  it("sends none of that round's batch", { timeout: 30_000 }, async () => {
    const { service, template } = await makeCampaignService();
    const listId = await makeMailingList(service.id, 10);
    const { id: campaignId } = await makeCampaign(service.id, template.id, [listId]);
    await sendCampaign({ actor: OPERATOR, serviceId: service.id, campaignId, scheduledFor: null });

    // One round, in this process with no worker running: cancelled once its batch is being stored.
    const round = materialiseCampaigns();
    await waitFor(
      "the round to be storing its batch",
      async () =>
        (
          await db.$queryRaw<{ count: bigint }[]>`
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND state = 'active' AND query LIKE '%INSERT INTO notifications%'
              AND pid <> pg_backend_pid()`
        )[0]!.count > 0n,
      10_000,
    );
    await cancelCampaign({ actor: OPERATOR, serviceId: service.id, campaignId });

    // Stored after the cancel, the batch would have gone to SES: it is refused with the round.
    expect(await round).toBe(0);
    expect(await db.notification.count({ where: { campaignId } })).toBe(0);
    expect(await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      status: "cancelled",
      resumeAfterRow: 0,
    });
  });
});
